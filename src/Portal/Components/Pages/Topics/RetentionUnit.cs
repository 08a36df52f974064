namespace Platform.Portal.Components.Pages.Topics;

/// <summary>A unit the retention fields are entered in: its label and how many seconds (or bytes) one of it is.</summary>
public sealed record RetentionUnit(string Label, long Factor)
{
    public static readonly IReadOnlyList<RetentionUnit> Durations =
        [new("seconds", 1), new("minutes", 60), new("hours", 3600), new("days", 86400)];

    public static readonly IReadOnlyList<RetentionUnit> Sizes =
        [new("B", 1), new("KiB", 1024), new("MiB", 1024 * 1024), new("GiB", 1024L * 1024 * 1024)];

    /// <summary>The largest unit <paramref name="value"/> is a whole number of (so editing shows what is stored, exactly).</summary>
    public static RetentionUnit LargestWhole(IReadOnlyList<RetentionUnit> units, long value) =>
        units.Last(u => value % u.Factor == 0);
}
