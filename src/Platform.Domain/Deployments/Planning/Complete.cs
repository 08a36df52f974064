namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// Every step of every ring is done (or the rollout was promoted): the target version becomes stable on every
/// node, the canary is cleared, and the rollout ends Succeeded.
/// </summary>
public sealed record Complete(string Reason) : RolloutDecision
{
    public override bool ReconcileAgain => false;

    public override string Message => Reason;
}
