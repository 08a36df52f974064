using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Status;

namespace Platform.Domain.Deployments.Planning;

/// <summary>An analysis window the step judged: what was asked, the samples, and the verdict the decision carried.</summary>
public sealed record AnalysisLook(RunAnalysis Request, AnalysisInput Input, AnalysisVerdict Verdict);

/// <summary>One change of state: the decision (its side effects absolute) and the status after it.</summary>
/// <param name="Look">The analysis window the decision was made on, if it was made on one.</param>
public sealed record StepTransition(RolloutDecision Decision, RolloutStatus After, AnalysisLook? Look);

/// <summary>
/// What one <see cref="RolloutStepper.Step"/> decided: the notes for the timeline (nodes lost, back, unplaced), then
/// the transitions to carry out in order (write the weights <see cref="StepTransition.After"/> implies, record, save),
/// the status after them, and why it stopped.
/// </summary>
/// <param name="Stop">The decision the step stopped on (a wait, a hold, the end, or the last transition's).</param>
/// <param name="Report">The progress line for the rollout when the step stopped without a change (waiting).</param>
/// <param name="Look">The analysis window judged by the decision the step stopped on, when no transition carried it.</param>
/// <param name="WakeAt">
/// When the step next needs to look even if nothing is asked of it (the end of a timed pause or an analysis window, the
/// readiness timeout); null when only a person can move the rollout on (a hold) or it has finished.
/// </param>
/// <param name="WatchesFleet">
/// True while a heartbeat may change the decision before <paramref name="WakeAt"/> (the target still loading, an analysis
/// window gathering): a failing canary or a node that cannot load must be acted on as soon as the fleet reports it.
/// </param>
public sealed record RolloutStepResult(
    IReadOnlyList<RolloutNote> Notes, IReadOnlyList<StepTransition> Transitions, RolloutStatus Status, RolloutDecision Stop, string? Report, AnalysisLook? Look,
    DateTimeOffset? WakeAt, bool WatchesFleet);
