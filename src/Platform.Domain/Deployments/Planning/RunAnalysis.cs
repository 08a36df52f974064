namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// An analysis step needs metrics: gather canary and stable on the nodes of ring <see cref="Ring"/> for
/// [<see cref="WindowStart"/>, <see cref="WindowEnd"/>] and decide again with them. Changes no state.
/// </summary>
public sealed record RunAnalysis(int Ring, string RingName, DateTimeOffset WindowStart, DateTimeOffset WindowEnd) : RolloutDecision
{
    public override bool ReconcileAgain => true;

    public override string Message => $"Analysing canary against stable on ring '{RingName}'.";
}
