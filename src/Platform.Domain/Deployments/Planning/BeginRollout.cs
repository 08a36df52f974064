using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// A pending rollout whose target may be placed begins: every node gets the target at the weights of the first step
/// (0 until a step gives it traffic, so every node loads it first), and the step goes on with the strategy.
/// </summary>
public sealed record BeginRollout(string Reason) : RolloutDecision
{
    public override bool ReconcileAgain => true;

    public override string Message => Reason;

    public static BeginRollout For(RolloutStrategy strategy) => new(strategy.Steps.Count == 0
        ? "Placing the target version on every online node at once."
        : $"Starting the canary: {strategy.Steps.Count} steps on {strategy.RingCount} ring(s).");
}
