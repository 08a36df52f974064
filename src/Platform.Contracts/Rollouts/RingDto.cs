namespace Platform.Contracts.Rollouts;

/// <summary>A ring: the nodes whose label <paramref name="LabelKey"/> has one of <paramref name="Values"/>.</summary>
public sealed record RingDto(string? Name = null, string? LabelKey = null, IReadOnlyList<string>? Values = null);
