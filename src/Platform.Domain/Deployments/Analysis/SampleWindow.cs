using Platform.Domain.Nodes;

namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// Window deltas from two cumulative reports of one node for one version. Counters and sketch buckets only grow
/// while a node runs; anything smaller in the newer report means the node restarted, so the newer report itself
/// is the delta. Both versions of a node are reported in the same heartbeat, so their deltas cover the same interval.
/// </summary>
public static class SampleWindow
{
    /// <summary>
    /// What happened between <paramref name="older"/> (null: nothing seen yet) and <paramref name="newer"/>. A report
    /// without a sketch (a node of an older release) counts for requests and errors but adds no latencies.
    /// </summary>
    public static VersionSample Delta(VersionMetrics? older, VersionMetrics newer)
    {
        var latency = newer.Latency ?? LatencySketch.Empty;
        var since = older is null || older.Latency is null ? LatencySketch.Empty : older.Latency;
        var latencyDelta = latency.Minus(since);
        var restarted = older is null
            || newer.Requests < older.Requests
            || newer.Errors < older.Errors
            || (newer.Latency is not null && latencyDelta is null);
        if (restarted) return new VersionSample(newer.Requests, newer.Errors, latency);
        // A baseline without a sketch (taken before nodes sent one) cannot say which latencies are new: none count.
        var fresh = older!.Latency is null ? LatencySketch.Empty : latencyDelta ?? LatencySketch.Empty;
        return new VersionSample(newer.Requests - older.Requests, newer.Errors - older.Errors, fresh);
    }

    /// <summary>Deltas of every node, summed: <paramref name="pairs"/> holds (baseline or null, current) per node.</summary>
    public static VersionSample Total(IEnumerable<(VersionMetrics? Older, VersionMetrics Newer)> pairs) =>
        VersionSample.Sum(pairs.Select(p => Delta(p.Older, p.Newer)));
}
