namespace Platform.Contracts.Rollouts;

/// <summary>
/// A rollout strategy: ordered steps (each sets exactly one of setWeight, pause, analysis), run ring by ring.
/// Rings select nodes by a label (a node's region is the label "region"); no rings = one ring of every node.
/// </summary>
/// <param name="OnNodeLoss">"continue" (default) or "pause" when a node stops heartbeating during a rollout.</param>
/// <remarks>
/// The one shape a strategy has outside the domain's parsed <c>RolloutStrategy</c>: on the wire, in the platform setting, on a
/// service and saved with each rollout (as Kubernetes keeps an object's spec as its API shape).
/// </remarks>
public sealed record RolloutStrategyDto(IReadOnlyList<RolloutStepDto>? Steps = null, IReadOnlyList<RingDto>? Rings = null, string? OnNodeLoss = null)
{
    /// <summary>No steps, no rings: what a saved rollout without a strategy reads as.</summary>
    public RolloutStrategyDto()
        : this(null, null, null)
    {
    }
}
