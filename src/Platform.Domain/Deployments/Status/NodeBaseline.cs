using Platform.Domain.Nodes;

namespace Platform.Domain.Deployments.Status;

/// <summary>One node's counters for both versions at the start of an analysis window (null: none reported yet).</summary>
public sealed record NodeBaseline(Guid NodeId, VersionMetrics? Stable, VersionMetrics? Canary)
{
    /// <summary>The counters without their latency samples: a baseline only needs where the counters stood.</summary>
    public static VersionMetrics? Trim(VersionMetrics? metrics) => metrics is null ? null : metrics with
    {
        RecentLatencyMicros = [],
        LatencyBoundsMs = [],
        LatencyCumulativeCounts = [],
    };
}
