namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// The metrics an analysis step is judged on: the versions over the same window on the same nodes (the current
/// ring), so they saw the same traffic. <see cref="Baseline"/> is the baseline copy of stable, started with the
/// canary and given its weight (null when no node of the window runs one): where it exists the canary is judged
/// against it, like for like, instead of against a stable version that has been serving hot for minutes.
/// </summary>
public sealed record AnalysisInput(VersionSample Stable, VersionSample Canary, VersionSample? Baseline = null)
{
    /// <summary>What the canary is judged against: the baseline when there is one, else stable.</summary>
    public VersionSample Control => Baseline ?? Stable;

    /// <summary>"baseline" or "stable", as the verdicts name what the canary was compared with.</summary>
    public string ControlName => Baseline is null ? "stable" : "baseline";

    private readonly IReadOnlyList<LatencyStratum>? _nodes;

    /// <summary>
    /// The latencies of the control and the canary node by node, for a like-for-like comparison on each node
    /// (<see cref="LatencyComparison"/>); without nodes (a sample made whole), the pooled latencies as one.
    /// </summary>
    public IReadOnlyList<LatencyStratum> Nodes
    {
        get => _nodes ?? [new LatencyStratum(Control.Latency, Canary.Latency)];
        init => _nodes = value;
    }

    /// <summary>
    /// The comparison accumulated look by look (each node's interval between two looks a stratum), when the window was
    /// gathered that way; else the latencies are compared node by node over the whole window (<see cref="Nodes"/>).
    /// </summary>
    public LatencyComparison? Latency { get; init; }

    /// <summary>What the latency check compares at <paramref name="quantile"/>.</summary>
    public LatencyComparison LatencyAt(double quantile) =>
        Latency is { } accumulated && accumulated.Quantile == quantile ? accumulated : LatencyComparison.Of(Nodes, quantile);

    /// <summary>
    /// The window of a ring from each node's own: the canary against the baseline on the nodes that run one, and
    /// against stable on those that do not (a node of an older release, which serves the baseline's share as stable
    /// and reports it as stable's); <see cref="Baseline"/> is null when no node runs one.
    /// </summary>
    public static AnalysisInput Of(IEnumerable<NodeWindow> nodes)
    {
        var list = nodes.ToList();
        var stable = VersionSample.Sum(list.Select(n => n.Stable));
        var canary = VersionSample.Sum(list.Select(n => n.Canary));
        var baseline = list.Any(n => n.Baseline is not null) ? VersionSample.Sum(list.Select(n => n.Baseline ?? n.Stable)) : null;
        // Each node's control: its copy, or its stable where it runs none (no node runs one: stable everywhere).
        return new AnalysisInput(stable, canary, baseline) { Nodes = [.. list.Select(n => new LatencyStratum((n.Baseline ?? n.Stable).Latency, n.Canary.Latency))] };
    }
}
