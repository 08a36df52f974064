using Platform.Domain.Deployments.Analysis;

namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// Nothing to do before <see cref="Until"/> (a timed pause, or an analysis still gathering: then with the
/// <see cref="Verdict"/> on the window so far); run again then.
/// </summary>
public sealed record Wait(DateTimeOffset Until, string Reason, AnalysisVerdict? Verdict = null) : RolloutDecision
{
    public override bool ReconcileAgain => false;

    public override string Message => Reason;

    public override AnalysisVerdict? Analysis => Verdict;
}
