using Platform.Contracts.Rollouts;

namespace Platform.Domain.Deployments.Strategy;

/// <summary>Reads the <c>rings</c> of a strategy: named, non-overlapping label selectors.</summary>
internal static class RingParser
{
    public static List<RingSpec> Read(IReadOnlyList<RingDto>? documents, ValidationErrors errors)
    {
        var rings = new List<RingSpec>();
        if (documents is null) return rings;
        if (documents.Count > RolloutStrategyParser.MaxRings) errors.Add("rings", $"A strategy has at most {RolloutStrategyParser.MaxRings} rings.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var selected = new Dictionary<(string Key, string Value), string>();
        for (var i = 0; i < documents.Count; i++)
        {
            var field = $"rings[{i}]";
            var ring = documents[i];
            if (ring is null)
            {
                errors.Add(field, "A ring cannot be empty.");
                continue;
            }
            if (!Slug.IsValid(ring.Name)) errors.Add($"{field}.name", Slug.Describe("A ring's name"));
            else if (!names.Add(ring.Name!)) errors.Add($"{field}.name", $"Another ring is already called '{ring.Name}'.");
            if (string.IsNullOrWhiteSpace(ring.LabelKey)) errors.Add($"{field}.labelKey", "A ring selects nodes by a label key, e.g. 'region'.");
            if (ring.Values is null || ring.Values.Count == 0)
            {
                errors.Add($"{field}.values", "A ring selects at least one label value.");
                continue;
            }
            for (var j = 0; j < ring.Values.Count; j++)
            {
                var value = ring.Values[j];
                if (string.IsNullOrWhiteSpace(value)) errors.Add($"{field}.values[{j}]", "A label value cannot be blank.");
                else if (ring.LabelKey is { } key && !selected.TryAdd((key, value), ring.Name ?? field))
                    errors.Add($"{field}.values[{j}]", $"Nodes with {key}={value} are already in ring '{selected[(key, value)]}'.");
            }
            if (ring.Name is not null && !string.IsNullOrWhiteSpace(ring.LabelKey)) rings.Add(new RingSpec(ring.Name, ring.LabelKey, [.. ring.Values]));
        }
        return rings;
    }
}
