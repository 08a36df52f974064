using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// The rollout's one reconcile step, a pure function of (spec, status, requests, now, metrics): the same inputs always
/// give the same decision. Precedence: a finished rollout repeats its end; abort; past the last step → complete;
/// promote; a hold (released by resume); a requested pause; then the current step.
/// </summary>
public static class RolloutPlanner
{
    public static RolloutDecision Decide(RolloutStrategy spec, RolloutStatus state, RolloutRequests requests, DateTimeOffset now, AnalysisInput? metrics)
    {
        if (state.IsFinished) return Finished(state);
        if (requests.AbortReason is { } why) return new RollBack($"Aborted: {why}", RollbackCause.Aborted, null);
        if (state.IsPastLastStep(spec)) return new Complete(spec.Steps.Count == 0
            ? "Rolled out to every node at once, without a canary."
            : "The target version now serves every node.");
        if (requests.PromoteRequested) return new Promote("Promoted: remaining steps skipped, 100% on every node.");
        if (state.Hold is { } hold)
        {
            if (!hold.ReleasedBy(requests)) return new PauseForHuman(hold.Reason, hold.Verdict);
            return state.CurrentStep(spec) is PauseStep { UntilResumed: true }
                ? new Advance(state.Ring, state.Step, "Resumed: the pause step is over.", null)
                : new Resume(state.Ring, state.Step);
        }
        if (requests.PauseRequested) return new PauseForHuman("Paused on request.", null);
        return state.CurrentStep(spec) switch
        {
            SetWeightStep w => new SetCanaryWeight(state.Ring, state.RingName(spec), state.Step, w.Percent),
            PauseStep p => Pause(spec, state, now, p),
            AnalysisStep a => Analyse(spec, state, now, metrics, a.Spec),
            var step => throw new InvalidOperationException($"Unknown rollout step {step?.GetType().Name}."),
        };
    }

    private static RolloutDecision Finished(RolloutStatus state) => state.Phase switch
    {
        RolloutPhase.Succeeded => new Complete(state.EndReason ?? "Rolled out."),
        RolloutPhase.Aborted => new RollBack(state.EndReason ?? "Aborted.", RollbackCause.Aborted, null),
        _ => new RollBack(state.EndReason ?? "Rolled back.", RollbackCause.AnalysisFailed, state.LastVerdict),
    };

    private static RolloutDecision Pause(RolloutStrategy spec, RolloutStatus state, DateTimeOffset now, PauseStep pause)
    {
        if (pause.Duration is not { } duration)
            return new PauseForHuman($"Step {state.Step + 1} on ring '{state.RingName(spec)}' waits until resumed or promoted.", null);
        var until = state.StepStartedAt + duration;
        return now >= until
            ? new Advance(state.Ring, state.Step, $"Paused {duration.TotalSeconds:0.###} s on ring '{state.RingName(spec)}'.", null)
            : new Wait(until, $"Pausing on ring '{state.RingName(spec)}' until {until:u}.");
    }

    /// <summary>
    /// Metrics may be judged at any time during the window (the judge's tests are sequential, valid at every look;
    /// the rollout's alpha is shared between its analyses): a failure rolls back at once, anything else waits for
    /// the end of the window, where a pass advances and an inconclusive verdict holds for a person.
    /// </summary>
    private static RolloutDecision Analyse(RolloutStrategy strategy, RolloutStatus state, DateTimeOffset now, AnalysisInput? metrics, AnalysisSpec spec)
    {
        var end = state.StepStartedAt + spec.Duration;
        if (metrics is null) return new RunAnalysis(state.Ring, state.RingName(strategy), state.StepStartedAt, now < end ? now : end);
        var verdict = CanaryJudge.Judge(metrics, spec, CanaryJudge.AnalysesIn(strategy));
        var ring = $"ring '{state.RingName(strategy)}'";
        if (verdict.Outcome == AnalysisOutcome.Fail)
            return new RollBack($"Analysis failed on {ring}: {verdict.Summary}", RollbackCause.AnalysisFailed, verdict);
        if (now < end) return new Wait(end, $"Analysing {ring} until {end:u}.", verdict);
        return verdict.Outcome == AnalysisOutcome.Pass
            ? new Advance(state.Ring, state.Step, $"Analysis passed on {ring}: {verdict.Summary}", verdict)
            : new PauseForHuman($"Analysis inconclusive on {ring}: {verdict.Summary} Resume to analyse again, promote or abort.", verdict);
    }
}
