using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Status;

namespace Platform.Domain.Deployments;

/// <summary>The rollout's status as the pure <see cref="RolloutStepper"/> reads and returns it, and the timeline it writes.</summary>
public sealed partial class Rollout
{
    /// <summary>
    /// Where the rollout stands (status, written only by the Deployer). Saved as <see cref="SavedStatus"/>, except its
    /// phase and end reason, which are the rollout's own columns (<see cref="Phase"/>, <see cref="Message"/>).
    /// </summary>
    public RolloutStatus Status => SavedStatus with { Phase = Phase, EndReason = IsActive ? null : Message };

    /// <summary>The saved document of <see cref="Status"/> (one jsonb column).</summary>
    public RolloutStatus SavedStatus { get; private set; } = new();

    /// <summary>What people asked of the rollout (intent), as the step reads it.</summary>
    public RolloutRequests Requests => new(PauseRequested, ResumeGeneration, PromoteRequested, AbortReason);

    /// <summary>
    /// Saves the state after <paramref name="decision"/> (<paramref name="after"/>, what the step returned with it) and
    /// writes it on the timeline; begins the rollout on <see cref="BeginRollout"/>, finishes it on <see cref="Complete"/>,
    /// <see cref="RollBack"/> and <see cref="Withdraw"/>.
    /// </summary>
    public void Record(RolloutDecision decision, RolloutStatus after, DateTimeOffset now)
    {
        Keep(after);
        switch (decision)
        {
            case BeginRollout: Begin(now); break;
            case Withdraw d: Abort(d.Message, now); break;
            case Complete d: Succeed(d.Message, now); break;
            case RollBack { Cause: RollbackCause.Aborted } d: Abort(d.Message + RollbackSuffix, now); break;
            case RollBack d: Fail(d.Message + RollbackSuffix, now); break;
            default: Record(KindOf(decision), decision.Message, now); break;
        }
    }

    /// <summary>
    /// Saves what the step says of the rollout (position, hold, verdict, nodes, readiness wait) without a line on the
    /// timeline; what the Deployer's pass wrote, measured from and showed since it read the status stays (see
    /// <see cref="RolloutStatus"/>). The phase moves only with the timeline (<see cref="Record(RolloutDecision, RolloutStatus, DateTimeOffset)"/>).
    /// </summary>
    public void Keep(RolloutStatus status) =>
        SavedStatus = status with { LastAnalysis = SavedStatus.LastAnalysis, Baseline = SavedStatus.Baseline, Weights = SavedStatus.Weights };

    /// <summary>The analysis as the timeline and the portal show it.</summary>
    public void Show(AnalysisRecord analysis) => SavedStatus = SavedStatus with { LastAnalysis = analysis };

    /// <summary>The counters the analysis window being gathered is measured from.</summary>
    public void MeasureFrom(AnalysisBaseline baseline) => SavedStatus = SavedStatus with { Baseline = baseline };

    /// <summary>The canary weights the Deployer wrote for the fleet, one per ring.</summary>
    public void Wrote(IReadOnlyList<int> weights) => SavedStatus = SavedStatus with { Weights = [.. weights] };

    private string RollbackSuffix => PreviousVersionId is null
        ? " Nothing was running before; the service is undeployed."
        : " Every node serves the stable version again.";

    private static string KindOf(RolloutDecision decision) => decision switch
    {
        SetCanaryWeight => "weight",
        Advance { Verdict: not null } => "analysis",
        Advance => "step",
        Resume => "resumed",
        Promote => "promoted",
        PauseForHuman => "paused",
        AwaitApproval => "awaiting-approval",
        _ => "progress",
    };
}
