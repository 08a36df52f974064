namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// A person resumed a held rollout: the hold ends and step <see cref="Step"/> of ring <see cref="Ring"/> starts
/// over from now (an analysis gathers a fresh window, a timed pause waits its full duration again).
/// </summary>
public sealed record Resume(int Ring, int Step) : RolloutDecision
{
    public override bool ReconcileAgain => true;

    public override string Message => "Resumed.";
}
