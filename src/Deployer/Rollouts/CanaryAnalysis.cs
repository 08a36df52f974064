using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;
using Platform.Domain.Nodes;

namespace Platform.Deployer.Rollouts;

/// <summary>
/// Turns the nodes' heartbeat metrics into an analysis window: canary, stable and the baseline copy of stable on the
/// same nodes (the ring being analysed), from the counters saved when the window began to the latest reports.
/// </summary>
public static class CanaryAnalysis
{
    /// <summary>
    /// The window asked for by <paramref name="request"/>, on every online node of the ring whenever it enrolled. The
    /// first call of a step run saves the baseline on the rollout's cursor (so the window is empty then). A node that
    /// joins later (enrolled, came back or restarted during the window) enters the baseline when first seen, per
    /// version: at zero when its counters began within the window (<see cref="VersionMetrics.CountingSince"/>), so its
    /// first report counts too; else at that first report (what it served before cannot be told apart from the window).
    /// A node's baseline copy of stable enters with the node, or at zero when it appears later (it starts with the
    /// canary's traffic, so all it served is in the window); a node that reports none (an older release) is judged
    /// against stable (<see cref="AnalysisInput.Of"/>).
    /// Latencies are also compared look by look: each node's reports since the previous look are one stratum of
    /// <see cref="AnalysisInput.Latency"/> (at the <paramref name="spec"/>'s quantile), kept on the cursor with the reports;
    /// intervals that began within the spec's warm-up are left out of it (null spec: the median, no warm-up).
    /// </summary>
    public static AnalysisInput Gather(Rollout rollout, RunAnalysis request, RolloutFleet fleet, string service, string stable, string canary, DateTimeOffset now,
        AnalysisSpec? spec = null)
    {
        var quantile = spec?.LatencyQuantile ?? AnalysisSpec.DefaultLatencyQuantile;
        var status = rollout.SavedStatus;
        if (status.Baseline is not { } baseline || !baseline.BelongsTo(status))
            baseline = new AnalysisBaseline(status.Ring, status.Step, status.StepStartedAt, now, []);
        var known = baseline.Nodes.ToDictionary(n => n.NodeId);
        var previousLook = (baseline.Latest ?? baseline.Nodes).ToDictionary(n => n.NodeId);
        // The intervals since the previous look began then (or at the window's start): within the warm-up, they do not count.
        var warm = (baseline.LookedAt ?? baseline.TakenAt) >= baseline.TakenAt + (spec?.EffectiveWarmup ?? TimeSpan.Zero);
        var latency = baseline.Latency is { } sofar && sofar.Quantile == quantile ? sofar : LatencyComparison.Start(quantile);
        var before = latency;
        // A node offline at this look keeps where it stood: when it is back, its interval starts there.
        var latest = new Dictionary<Guid, NodeBaseline>(previousLook);
        var windows = new List<NodeWindow>();
        foreach (var node in fleet.OnlineInRing(request.Ring))
        {
            var stableNow = Find(node, service, stable);
            var canaryNow = Find(node, service, canary);
            var copyNow = node.Metrics.FirstOrDefault(m => m.Is(service, stable, baseline: true));
            var firstSeen = !known.TryGetValue(node.Id, out var start);
            if (start is null)
                start = new NodeBaseline(node.Id, Start(stableNow, baseline.TakenAt), Start(canaryNow, baseline.TakenAt));
            // A copy that appears on a node already in the window was started within it (with the canary's traffic): all of it counts.
            if (start.BaselineCopy is null && copyNow is not null)
                start = start with { BaselineCopy = firstSeen ? Start(copyNow, baseline.TakenAt) : Zero(service, stable) with { Baseline = true } };
            known[node.Id] = start;
            var sinceLastLook = SinceLastLook(previousLook.GetValueOrDefault(node.Id) ?? start, stableNow, canaryNow, copyNow, service, stable, canary);
            latency = warm ? latency.Add(sinceLastLook) : latency.Warming(sinceLastLook);
            latest[node.Id] = new NodeBaseline(node.Id, stableNow, canaryNow, copyNow);
            windows.Add(new NodeWindow(
                SampleWindow.Delta(start.Stable ?? Zero(service, stable), stableNow),
                SampleWindow.Delta(start.Canary ?? Zero(service, canary), canaryNow),
                copyNow is null ? null : SampleWindow.Delta(start.BaselineCopy, copyNow)));
        }
        latency = latency.Looked(before);
        rollout.MeasureFrom(baseline with { Nodes = [.. known.Values], Latest = [.. latest.Values], LookedAt = now, Latency = latency });
        return AnalysisInput.Of(windows) with { Latency = latency };
    }

    /// <summary>
    /// One node's latencies since <paramref name="previous"/> (its reports at the previous look, or where it entered the
    /// window): the canary's against the node's control, its baseline copy (all of it when the copy appeared since) or stable.
    /// </summary>
    private static LatencyStratum SinceLastLook(NodeBaseline previous, VersionMetrics stableNow, VersionMetrics canaryNow, VersionMetrics? copyNow,
        string service, string stable, string canary)
    {
        var control = copyNow is not null
            ? SampleWindow.Delta(previous.BaselineCopy ?? Zero(service, stable) with { Baseline = true }, copyNow)
            : SampleWindow.Delta(previous.Stable ?? Zero(service, stable), stableNow);
        return new LatencyStratum(control.Latency, SampleWindow.Delta(previous.Canary ?? Zero(service, canary), canaryNow).Latency);
    }

    public static AnalysisRecord Summarise(RunAnalysis request, AnalysisInput input, AnalysisVerdict verdict, DateTimeOffset now) =>
        new(request.Ring, request.RingName, request.WindowStart, now, verdict, WindowSummary.Of(input.Stable), WindowSummary.Of(input.Canary),
            input.Baseline is { } copy ? WindowSummary.Of(copy) : null);

    /// <summary>Where a newly seen node's counters stood when the window began: zero if they began within it.</summary>
    private static VersionMetrics Start(VersionMetrics now, DateTimeOffset windowStart) =>
        now.CountingSince >= windowStart || (now.Requests == 0 && now.Errors == 0) ? Zero(now.Service, now.Version) : now;

    private static VersionMetrics Find(Node node, string service, string version) =>
        node.Metrics.FirstOrDefault(m => m.Is(service, version)) ?? Zero(service, version);

    private static VersionMetrics Zero(string service, string version) => new() { Service = service, Version = version, Latency = LatencySketch.Empty };
}
