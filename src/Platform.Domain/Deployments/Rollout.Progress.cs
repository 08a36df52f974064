using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments;

/// <summary>The bridge between the saved rollout and the pure <see cref="RolloutPlanner"/>.</summary>
public sealed partial class Rollout
{
    /// <summary>The planner's view of this rollout: strategy, status and intent.</summary>
    public RolloutProgress ToProgress(RolloutStrategy strategy) => new()
    {
        Strategy = strategy,
        Phase = Phase,
        Ring = Cursor.Ring,
        Step = Cursor.Step,
        StepStartedAt = Cursor.StepStartedAt,
        Hold = Cursor.Hold,
        LastVerdict = Cursor.LastAnalysis?.Verdict,
        EndReason = IsActive ? null : Message,
        Requests = new RolloutRequests(PauseRequested, ResumeGeneration, PromoteRequested, AbortReason),
        NotReadySince = Cursor.NotReadySince,
        Nodes = [.. Cursor.Nodes],
        LostNodes = [.. Cursor.LostNodes],
    };

    /// <summary>
    /// Saves the state after <paramref name="decision"/> (<paramref name="after"/> = progress.Apply(decision)) and
    /// writes it on the timeline; begins the rollout on <see cref="BeginRollout"/>, finishes it on <see cref="Complete"/>,
    /// <see cref="RollBack"/> and <see cref="Withdraw"/>.
    /// </summary>
    public void Record(RolloutDecision decision, RolloutProgress after, DateTimeOffset now)
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

    /// <summary>Saves where the rollout stands after a step (position, hold, nodes, readiness wait) without a line on the timeline.</summary>
    public void Keep(RolloutProgress status)
    {
        Cursor.Ring = status.Ring;
        Cursor.Step = status.Step;
        Cursor.StepStartedAt = status.StepStartedAt;
        Cursor.Hold = status.Hold;
        Cursor.NotReadySince = status.NotReadySince;
        Cursor.Nodes = [.. status.Nodes];
        Cursor.LostNodes = [.. status.LostNodes];
    }

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
