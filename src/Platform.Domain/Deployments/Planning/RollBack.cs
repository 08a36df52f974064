using Platform.Domain.Deployments.Analysis;

namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// Canary weight 0% on every node (stable serves everything) and the canary is cleared; the rollout ends
/// Failed (<see cref="RollbackCause.AnalysisFailed"/>, with the failing <see cref="Verdict"/>) or Aborted.
/// </summary>
public sealed record RollBack(string Reason, RollbackCause Cause, AnalysisVerdict? Verdict) : RolloutDecision
{
    public override bool ReconcileAgain => false;

    public override string Message => Reason;

    public override AnalysisVerdict? Analysis => Verdict;
}
