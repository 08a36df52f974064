using System.Globalization;
using Platform.Portal.Components.Shared;

namespace Platform.Portal.Components.Pages.Topics;

/// <summary>
/// A topic's retention as the forms edit it: an age and a size, each an amount in a unit, either one empty. The API checks the
/// values against the platform's limits; the draft only converts them to the seconds and bytes the API speaks.
/// </summary>
public sealed class RetentionDraft
{
    public long? Age { get; set; }
    public RetentionUnit AgeUnit { get; set; } = RetentionUnit.Durations[^1];
    public long? Size { get; set; }
    public RetentionUnit SizeUnit { get; set; } = RetentionUnit.Sizes[2];

    /// <summary>The age in seconds, or null when empty.</summary>
    public long? MaxAgeSeconds => Times(Age, AgeUnit);

    /// <summary>The size in bytes, or null when empty.</summary>
    public long? MaxBytes => Times(Size, SizeUnit);

    public static RetentionDraft From(long? maxAgeSeconds, long? maxBytes)
    {
        var draft = new RetentionDraft();
        if (maxAgeSeconds is { } age)
        {
            draft.AgeUnit = RetentionUnit.LargestWhole(RetentionUnit.Durations, age);
            draft.Age = age / draft.AgeUnit.Factor;
        }
        if (maxBytes is { } bytes)
        {
            draft.SizeUnit = RetentionUnit.LargestWhole(RetentionUnit.Sizes, bytes);
            draft.Size = bytes / draft.SizeUnit.Factor;
        }
        return draft;
    }

    /// <summary>How long and how much a topic keeps, e.g. "7 days", "7 days or 1 GiB", or null when it sets neither.</summary>
    public static string? Describe(long? maxAgeSeconds, long? maxBytes)
    {
        var parts = new List<string>();
        if (maxAgeSeconds is { } age)
        {
            var unit = RetentionUnit.LargestWhole(RetentionUnit.Durations, age);
            var amount = age / unit.Factor;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{amount} {(amount == 1 ? unit.Label.TrimEnd('s') : unit.Label)}"));
        }
        if (maxBytes is { } bytes) parts.Add(ByteSize.Format(bytes));
        return parts.Count == 0 ? null : string.Join(" or ", parts);
    }

    private static long? Times(long? amount, RetentionUnit unit)
    {
        if (amount is not { } value) return null;
        try
        {
            return checked(value * unit.Factor);
        }
        catch (OverflowException)
        {
            // Beyond any limit: send the largest number, so the API answers with its limit on the field.
            return long.MaxValue;
        }
    }
}
