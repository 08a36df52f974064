using Platform.Domain.Deployments.Analysis;

namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// Step <see cref="Step"/> of ring <see cref="Ring"/> is done (a timed pause elapsed, an indefinite pause was
/// resumed, an analysis passed with <see cref="Verdict"/>): move to the next step, or to the next ring's first.
/// No side effect beyond the weights the new position implies.
/// </summary>
public sealed record Advance(int Ring, int Step, string Reason, AnalysisVerdict? Verdict) : RolloutDecision
{
    public override bool ReconcileAgain => true;

    public override string Message => Reason;

    public override AnalysisVerdict? Analysis => Verdict;
}
