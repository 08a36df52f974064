namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// The target declares capabilities no platform admin has approved: the rollout stays pending, holds visibly (once
/// on the timeline) and places nothing on any node until an admin approves (then <see cref="BeginRollout"/>) or
/// someone aborts (then <see cref="Withdraw"/>).
/// </summary>
public sealed record AwaitApproval(string Reason) : RolloutDecision
{
    public override bool ReconcileAgain => false;

    public override bool Places => false;

    public override string Message => Reason;
}
