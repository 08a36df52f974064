using Platform.Domain.Deployments.Analysis;

namespace Platform.Domain.Deployments.Planning;

public sealed partial record RolloutProgress
{
    /// <summary>
    /// The state after <paramref name="decision"/> was carried out at <paramref name="now"/>. A decision made
    /// for another position (already applied, or stale) changes nothing, nor does one that changes no status
    /// (<see cref="Wait"/>, <see cref="RunAnalysis"/>, a repeated <see cref="PauseForHuman"/> or <see cref="AwaitApproval"/>), nor anything
    /// once the rollout has finished, so the result equals this instance exactly when there is nothing to save.
    /// </summary>
    public RolloutProgress Apply(RolloutDecision decision, DateTimeOffset now)
    {
        if (IsFinished) return this;
        return decision switch
        {
            BeginRollout when Phase == RolloutPhase.Pending => this with
            {
                Phase = RolloutPhase.Progressing, Ring = 0, Step = 0, StepStartedAt = now, Hold = null, NotReadySince = null,
            },
            AwaitApproval d when Phase == RolloutPhase.Pending && Hold is null => this with { Hold = new RolloutHold(d.Reason, now, Requests.ResumeGeneration) },
            Withdraw d when Phase == RolloutPhase.Pending => this with { Phase = RolloutPhase.Aborted, EndReason = d.Reason, Hold = null },
            SetCanaryWeight d when IsAt(d.Ring, d.Step) => Next(now, LastVerdict),
            Advance d when IsAt(d.Ring, d.Step) => Next(now, d.Verdict ?? LastVerdict),
            Resume d when IsAt(d.Ring, d.Step) && Hold is not null => this with { Hold = null, StepStartedAt = now },
            Promote when !IsPastLastStep => this with { Ring = Strategy.RingCount, Step = 0, StepStartedAt = now, Hold = null },
            PauseForHuman d when Hold is null => this with
            {
                Hold = new RolloutHold(d.Reason, now, Requests.ResumeGeneration, d.Verdict),
                LastVerdict = d.Verdict ?? LastVerdict,
            },
            Complete d => this with { Phase = RolloutPhase.Succeeded, EndReason = d.Reason, Hold = null },
            RollBack d => this with
            {
                Phase = d.Cause == RollbackCause.Aborted ? RolloutPhase.Aborted : RolloutPhase.Failed,
                EndReason = d.Reason,
                LastVerdict = d.Verdict ?? LastVerdict,
                Hold = null,
            },
            _ => this,
        };
    }

    private bool IsAt(int ring, int step) => !IsPastLastStep && Ring == ring && Step == step;

    private RolloutProgress Next(DateTimeOffset now, AnalysisVerdict? verdict)
    {
        var lastOfRing = Step + 1 >= Strategy.Steps.Count;
        return this with
        {
            Ring = lastOfRing ? Ring + 1 : Ring,
            Step = lastOfRing ? 0 : Step + 1,
            StepStartedAt = now,
            Hold = null,
            LastVerdict = verdict,
        };
    }
}
