using Platform.Domain.Nodes;

namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// Window deltas from two cumulative snapshots of one node's counters for one version. Counters only
/// grow while a node runs; a smaller value in the newer snapshot means the node restarted, so the
/// newer snapshot itself is the delta.
/// </summary>
public static class SampleWindow
{
    /// <summary>
    /// What happened between <paramref name="older"/> (null: nothing seen yet) and <paramref name="newer"/>.
    /// Latencies are the newest <c>SamplesRecorded</c> difference of the newer snapshot's recent samples
    /// (all of them when more were recorded than the node keeps).
    /// </summary>
    public static VersionSample Delta(VersionMetrics? older, VersionMetrics newer)
    {
        var restarted = older is null
            || newer.Requests < older.Requests
            || newer.Errors < older.Errors
            || newer.SamplesRecorded < older.SamplesRecorded;
        var requests = restarted ? newer.Requests : newer.Requests - older!.Requests;
        var errors = restarted ? newer.Errors : newer.Errors - older!.Errors;
        var fresh = restarted ? newer.SamplesRecorded : newer.SamplesRecorded - older!.SamplesRecorded;
        var recent = newer.RecentLatencyMicros;
        var take = (int)Math.Min(fresh, recent.Count);
        return new VersionSample(requests, errors, recent.GetRange(recent.Count - take, take));
    }

    /// <summary>Deltas of every node, summed: <paramref name="pairs"/> holds (baseline or null, current) per node.</summary>
    public static VersionSample Total(IEnumerable<(VersionMetrics? Older, VersionMetrics Newer)> pairs) =>
        VersionSample.Sum(pairs.Select(p => Delta(p.Older, p.Newer)));
}
