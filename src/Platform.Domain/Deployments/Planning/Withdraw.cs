namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// Aborted while it still awaited approval: the rollout ends Aborted, and as nothing was ever placed, nothing is written
/// to the nodes (unlike <see cref="RollBack"/>, which puts the stable version back).
/// </summary>
public sealed record Withdraw(string Reason) : RolloutDecision
{
    public override bool ReconcileAgain => false;

    public override bool Places => false;

    public override string Message => Reason;
}
