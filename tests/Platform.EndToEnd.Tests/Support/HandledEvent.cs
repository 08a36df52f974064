using System.Globalization;

namespace Platform.EndToEnd.Tests.Support;

/// <summary>One entry of a recorder consumer's history: an event <paramref name="Node"/> handled, at which attempt, as the
/// <paramref name="Position"/>-th event of its key there.</summary>
public sealed record HandledEvent(string Node, string Key, int Position, string Data, int Attempt)
{
    /// <summary>Reads "&lt;data&gt;@&lt;attempt&gt;", as tests/components-events/recorder writes it.</summary>
    public static HandledEvent Parse(string node, string key, int position, string entry)
    {
        var at = entry.LastIndexOf('@');
        if (at < 0) throw new FormatException($"'{entry}' in the history of {key} on {node} is not <data>@<attempt>.");
        return new HandledEvent(node, key, position, entry[..at], int.Parse(entry[(at + 1)..], CultureInfo.InvariantCulture));
    }
}
