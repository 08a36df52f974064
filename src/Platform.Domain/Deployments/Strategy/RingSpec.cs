namespace Platform.Domain.Deployments.Strategy;

/// <summary>
/// A group of nodes rolled out together: every node whose label <see cref="LabelKey"/> has one of
/// <see cref="Values"/> (for example <c>region</c> in <c>eu-west</c>, <c>eu-central</c>).
/// </summary>
public sealed record RingSpec(string Name, string LabelKey, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(LabelKey, out var value) && Values.Contains(value, StringComparer.Ordinal);

    public bool Equals(RingSpec? other) =>
        other is not null && Name == other.Name && LabelKey == other.LabelKey && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Name, LabelKey, Values.Count);
}
