using Platform.Domain.Deployments.Analysis;

namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// Stand still at the current weights until a person resumes, promotes or aborts, and say why
/// (pause requested, an indefinite pause step, or an inconclusive <see cref="Verdict"/>).
/// </summary>
public sealed record PauseForHuman(string Reason, AnalysisVerdict? Verdict) : RolloutDecision
{
    public override bool ReconcileAgain => false;

    public override string Message => Reason;

    public override AnalysisVerdict? Analysis => Verdict;
}
