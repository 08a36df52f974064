using Platform.Domain.Deployments.Analysis;

namespace Platform.Domain.Deployments.Status;

/// <summary>
/// The counters of the ring's nodes when an analysis window began; the window is the difference between
/// these and the nodes' latest reports. Belongs to one step run (<see cref="Ring"/>, <see cref="Step"/>,
/// <see cref="StepStartedAt"/>): a resumed step starts a new window.
/// The latencies are also compared look by look (<see cref="Latency"/>): each node's interval since the previous look
/// (<see cref="Latest"/>) is one stratum of a like-for-like comparison, so a slow node or a slow moment that served more
/// of one side does not read as that side being slower.
/// </summary>
public sealed record AnalysisBaseline(int Ring, int Step, DateTimeOffset StepStartedAt, DateTimeOffset TakenAt, IReadOnlyList<NodeBaseline> Nodes)
{
    /// <summary>Each node's reports at the previous look (null before the second look: <see cref="Nodes"/>).</summary>
    public IReadOnlyList<NodeBaseline>? Latest { get; init; }

    /// <summary>When <see cref="Latest"/> was taken (null: <see cref="TakenAt"/>).</summary>
    public DateTimeOffset? LookedAt { get; init; }

    /// <summary>The latency comparison over the intervals between looks so far (null before the first interval).</summary>
    public LatencyComparison? Latency { get; init; }

    public bool BelongsTo(RolloutStatus status) => Ring == status.Ring && Step == status.Step && StepStartedAt == status.StepStartedAt;
}
