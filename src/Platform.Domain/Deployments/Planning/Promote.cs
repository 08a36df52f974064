namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// Full rollout now: canary weight 100% on every node of every ring, remaining steps skipped.
/// The next decision is <see cref="Complete"/>.
/// </summary>
public sealed record Promote(string Reason) : RolloutDecision
{
    public override bool ReconcileAgain => true;

    public override string Message => Reason;
}
