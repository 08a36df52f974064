using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// One pass of a rollout as a pure function of (spec, status, observations, now): lets a pending rollout begin only once
/// its new capabilities are approved (holding it, or ending it on an abort, with nothing placed until then), notes
/// nodes lost, back or no longer placed (holding the rollout on a loss when its policy says pause), asks <see cref="RolloutPlanner"/>
/// what to do, judges the analysis window when asked, lets the steps of a ring the service is not placed on pass,
/// holds a change of weight until every online node has loaded the target (rolling back when a node cannot, or
/// after the readiness timeout), and goes on while a decision says so. The Deployer's job carries out the
/// transitions; the domain tests drive this same step.
/// </summary>
public static partial class RolloutStepper
{
    /// <summary>Transitions one step may make before it stops (a guard against a loop).</summary>
    public const int MaxTransitions = 32;

    /// <param name="spec">The strategy the rollout follows.</param>
    /// <param name="status">Where it stands (as saved after the previous pass).</param>
    /// <param name="seen">What the Deployer saw for this pass, what people asked of the rollout included.</param>
    public static RolloutStepResult Step(RolloutStrategy spec, RolloutStatus status, RolloutObservations seen, DateTimeOffset now)
    {
        var requests = seen.Requests;
        var transitions = new List<StepTransition>();
        var notes = new List<RolloutNote>();
        RolloutStepResult Stopped(RolloutStatus final, RolloutDecision stop, string? report, AnalysisLook? look) =>
            new(notes, transitions, final, stop, report, look, WakeAt(final, stop, now), WatchesFleet(final, stop));
        if (Gate(spec, status, seen) is { } gate)
        {
            var opened = status.Apply(spec, requests, gate, now);
            if (opened != status) transitions.Add(new StepTransition(gate, opened, null));
            status = opened;
            if (!gate.ReconcileAgain) return Stopped(status, gate, null, null);
        }
        status = WatchNodes(spec, status, seen, now, notes);
        // Asked once per turn; a finished rollout's repeats its end.
        var decision = RolloutPlanner.Decide(spec, status, requests, now, null);
        for (var i = 0; i < MaxTransitions && !status.IsFinished; i++)
        {
            AnalysisLook? look = null;
            decision = SkipUnplacedRing(spec, status, i == 0 ? decision : RolloutPlanner.Decide(spec, status, requests, now, null), seen);
            if (decision is RunAnalysis window)
            {
                var input = seen.Window(window);
                decision = RolloutPlanner.Decide(spec, status, requests, now, input);
                look = new AnalysisLook(window, input,
                    decision.Analysis ?? throw new InvalidOperationException($"A decision on an analysis window carries its verdict; got {decision}."));
            }
            if (decision is not (RollBack or PauseForHuman or Wait))
            {
                var notReadySince = status.NotReadySince ?? now;
                switch (Blocked(seen, notReadySince, now))
                {
                    case RollBack rollBack:
                        decision = rollBack;
                        break;
                    case Wait loading:
                        return Stopped(status with { NotReadySince = notReadySince }, loading, loading.Message, look);
                }
            }
            if (decision is Wait wait)
            {
                return Stopped(status, wait, wait.Message, look);
            }
            var after = status.Apply(spec, requests, decision, now);
            if (after == status)
            {
                return Stopped(status, decision, null, look);
            }
            after = after with { NotReadySince = null };
            transitions.Add(new StepTransition(decision, after, look));
            status = after;
            if (!decision.ReconcileAgain)
            {
                break;
            }
        }
        return Stopped(status, decision, null, null);
    }

    /// <summary>
    /// Rings intersect with placement: a ring holding none of the nodes the service is placed on has nothing to weigh,
    /// pause on or analyse, so its steps pass at once (a service placed on one node still rolls out through a strategy
    /// whose rings name other regions). Holds and requests (pause, abort, node loss) are never skipped.
    /// </summary>
    private static RolloutDecision SkipUnplacedRing(RolloutStrategy spec, RolloutStatus status, RolloutDecision decision, RolloutObservations seen)
    {
        if (status.IsFinished || status.IsPastLastStep(spec) || status.Hold is not null || seen.Requests.PauseRequested) return decision;
        if (seen.RingHasNodes(status.Ring)) return decision;
        var stepOfRing = decision switch
        {
            SetCanaryWeight or RunAnalysis => true,
            Wait or PauseForHuman => status.CurrentStep(spec) is PauseStep,
            _ => false,
        };
        return stepOfRing
            ? new Advance(status.Ring, status.Step, $"Ring '{status.RingName(spec)}' has no node this service is placed on; step {status.Step + 1} passes.", null)
            : decision;
    }

    /// <summary>
    /// When to look again without being asked: at the end of what the step waits for (a timed pause, an analysis window,
    /// the readiness timeout), at once after a stop that may go on (a transition cut short), never for a hold or the end.
    /// </summary>
    private static DateTimeOffset? WakeAt(RolloutStatus status, RolloutDecision stop, DateTimeOffset now)
    {
        if (status.IsFinished || status.Hold is not null || status.Phase == RolloutPhase.Pending) return null;
        return stop is Wait wait ? wait.Until : now;
    }

    /// <summary>Whether a heartbeat may change the decision before the wake-up: the target still loading, or an analysis window gathering.</summary>
    private static bool WatchesFleet(RolloutStatus status, RolloutDecision stop) =>
        !status.IsFinished && status.Hold is null && stop is Wait && (status.NotReadySince is not null || stop.Analysis is not null);

    /// <summary>
    /// Null when every online node has loaded the target; otherwise a rollback (a node cannot load it, or it took
    /// longer than the timeout) or a wait that says how far loading is.
    /// </summary>
    private static RolloutDecision? Blocked(RolloutObservations seen, DateTimeOffset notReadySince, DateTimeOffset now)
    {
        var readiness = seen.Target;
        if (readiness.Failure is { } failure)
            return new RollBack($"A node could not load {seen.Version}: {failure}.", RollbackCause.AnalysisFailed, null);
        if (readiness.Complete) return null;
        if (now - notReadySince > seen.ReadinessTimeout)
            return new RollBack($"Timed out: {readiness.Ready} of {readiness.Online} online nodes had loaded {seen.Version} after {seen.ReadinessTimeout.TotalSeconds:0} s.", RollbackCause.AnalysisFailed, null);
        return new Wait(notReadySince + seen.ReadinessTimeout, readiness.Describe(seen.Version));
    }
}
