using Platform.Domain.Nodes;

namespace Platform.Domain.Deployments.Status;

/// <summary>
/// One node's cumulative counters and latency sketches for both versions at the start of an analysis window
/// (null: none reported yet); the window is what the node reported since.
/// </summary>
public sealed record NodeBaseline(Guid NodeId, VersionMetrics? Stable, VersionMetrics? Canary);
