namespace Platform.Domain.Deployments.Planning;

/// <summary>Nothing to do before <see cref="Until"/> (a timed pause or an analysis still gathering); run again then.</summary>
public sealed record Wait(DateTimeOffset Until, string Reason) : RolloutDecision
{
    public override bool ReconcileAgain => false;

    public override string Message => Reason;
}
