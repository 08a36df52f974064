namespace Platform.Contracts.Rollouts;

/// <summary>A ring: the nodes whose label <paramref name="LabelKey"/> has one of <paramref name="Values"/>.</summary>
public sealed record RingDto(string? Name, string? LabelKey, IReadOnlyList<string>? Values);
