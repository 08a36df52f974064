namespace Platform.Contracts.Nodes;

/// <summary>A platform admin sets a node's region and labels (what placements and rollout rings select on).</summary>
/// <param name="Region">The node's region (the label "region").</param>
/// <param name="Labels">Every other label; those not listed are removed.</param>
public sealed record SetNodeLabelsRequest(string Region, IReadOnlyDictionary<string, string>? Labels = null);
