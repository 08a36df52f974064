using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;
using Platform.Domain.Nodes;

namespace Platform.Deployer.Rollouts;

/// <summary>
/// Turns the nodes' heartbeat metrics into an analysis window: canary and stable on the same nodes (the
/// ring being analysed), from the counters saved when the window began to the latest reports.
/// </summary>
public static class CanaryAnalysis
{
    /// <summary>
    /// The window asked for by <paramref name="request"/>, on every online node of the ring whenever it enrolled. The
    /// first call of a step run saves the baseline on the rollout's cursor (so the window is empty then). A node that
    /// joins later (enrolled, came back or restarted during the window) enters the baseline when first seen, per
    /// version: at zero when its counters began within the window (<see cref="VersionMetrics.CountingSince"/>), so its
    /// first report counts too; else at that first report (what it served before cannot be told apart from the window).
    /// </summary>
    public static AnalysisInput Gather(Rollout rollout, RunAnalysis request, RolloutFleet fleet, string service, string stable, string canary, DateTimeOffset now)
    {
        var cursor = rollout.Cursor;
        if (cursor.Baseline is not { } baseline || !baseline.BelongsTo(cursor))
            baseline = new AnalysisBaseline(cursor.Ring, cursor.Step, cursor.StepStartedAt, now, []);
        var known = baseline.Nodes.ToDictionary(n => n.NodeId);
        var stablePairs = new List<(VersionMetrics?, VersionMetrics)>();
        var canaryPairs = new List<(VersionMetrics?, VersionMetrics)>();
        foreach (var node in fleet.OnlineInRing(request.Ring))
        {
            var stableNow = Find(node, service, stable);
            var canaryNow = Find(node, service, canary);
            if (!known.TryGetValue(node.Id, out var start))
            {
                start = new NodeBaseline(node.Id, Start(stableNow, baseline.TakenAt), Start(canaryNow, baseline.TakenAt));
                known[node.Id] = start;
            }
            stablePairs.Add((start.Stable ?? Zero(service, stable), stableNow));
            canaryPairs.Add((start.Canary ?? Zero(service, canary), canaryNow));
        }
        cursor.Baseline = baseline with { Nodes = [.. known.Values] };
        return new AnalysisInput(SampleWindow.Total(stablePairs), SampleWindow.Total(canaryPairs));
    }

    public static AnalysisRecord Summarise(RunAnalysis request, AnalysisInput input, AnalysisVerdict verdict, DateTimeOffset now) =>
        new(request.Ring, request.RingName, request.WindowStart, now, verdict, WindowSummary.Of(input.Stable), WindowSummary.Of(input.Canary));

    /// <summary>Where a newly seen node's counters stood when the window began: zero if they began within it.</summary>
    private static VersionMetrics Start(VersionMetrics now, DateTimeOffset windowStart) =>
        now.CountingSince >= windowStart || (now.Requests == 0 && now.Errors == 0) ? Zero(now.Service, now.Version) : now;

    private static VersionMetrics Find(Node node, string service, string version) =>
        node.Metrics.FirstOrDefault(m => m.Service == service && m.Version == version) ?? Zero(service, version);

    private static VersionMetrics Zero(string service, string version) => new() { Service = service, Version = version, Latency = LatencySketch.Empty };
}
