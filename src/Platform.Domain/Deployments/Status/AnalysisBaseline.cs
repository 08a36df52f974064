using Platform.Domain.Nodes;

namespace Platform.Domain.Deployments.Status;

/// <summary>
/// The counters of the ring's nodes when an analysis window began; the window is the difference between
/// these and the nodes' latest reports. Belongs to one step run (<see cref="Ring"/>, <see cref="Step"/>,
/// <see cref="StepStartedAt"/>): a resumed step starts a new window.
/// </summary>
public sealed record AnalysisBaseline(int Ring, int Step, DateTimeOffset StepStartedAt, DateTimeOffset TakenAt, IReadOnlyList<NodeBaseline> Nodes)
{
    public bool BelongsTo(RolloutStatus status) => Ring == status.Ring && Step == status.Step && StepStartedAt == status.StepStartedAt;
}
