using Platform.Domain.Nodes;

namespace Platform.Domain.Deployments.Status;

/// <summary>
/// One node's cumulative counters and latency sketches for both versions at the start of an analysis window
/// (null: none reported yet); the window is what the node reported since. <see cref="BaselineCopy"/> is where the
/// node's baseline copy of stable stood (null until the node reports one: it is set when the copy first appears).
/// </summary>
public sealed record NodeBaseline(Guid NodeId, VersionMetrics? Stable, VersionMetrics? Canary, VersionMetrics? BaselineCopy = null);
