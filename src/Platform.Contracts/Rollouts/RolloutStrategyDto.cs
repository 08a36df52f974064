namespace Platform.Contracts.Rollouts;

/// <summary>
/// A rollout strategy: ordered steps (each sets exactly one of setWeight, pause, analysis), run ring by ring.
/// Rings select nodes by a label (a node's region is the label "region"); no rings = one ring of every node.
/// </summary>
/// <param name="OnNodeLoss">"continue" (default) or "pause" when a node stops heartbeating during a rollout.</param>
public sealed record RolloutStrategyDto(IReadOnlyList<RolloutStepDto>? Steps, IReadOnlyList<RingDto>? Rings = null, string? OnNodeLoss = null);
