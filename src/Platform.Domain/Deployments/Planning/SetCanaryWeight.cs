namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// Desired canary weights, absolute: rings before <see cref="Ring"/> 100%, ring <see cref="Ring"/>
/// <see cref="Percent"/>%, later rings 0% (see <see cref="WeightForRing"/>). Applying it completes
/// step <see cref="Step"/>.
/// </summary>
public sealed record SetCanaryWeight(int Ring, string RingName, int Step, int Percent) : RolloutDecision
{
    public override bool ReconcileAgain => true;

    public override string Message => $"Canary weight {Percent}% on ring '{RingName}'.";

    public int WeightForRing(int ring) => ring < Ring ? 100 : ring == Ring ? Percent : 0;
}
