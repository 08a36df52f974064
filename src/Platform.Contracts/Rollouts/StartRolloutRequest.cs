namespace Platform.Contracts.Rollouts;

/// <summary>
/// Roll <paramref name="Version"/> out. <paramref name="Strategy"/> overrides the service's (or platform's) strategy
/// for this rollout; <paramref name="EmergencyReason"/> skips the canary entirely (a full rollout at once) and is
/// written to the audit log.
/// </summary>
public sealed record StartRolloutRequest(string Version, RolloutStrategyDto? Strategy = null, string? EmergencyReason = null);
