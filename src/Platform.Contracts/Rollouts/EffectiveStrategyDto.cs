namespace Platform.Contracts.Rollouts;

/// <summary>A strategy and where it comes from: "service", "platform" (set by admins) or "built-in".</summary>
public sealed record EffectiveStrategyDto(RolloutStrategyDto Strategy, string Source);
