namespace Platform.Contracts.Rollouts;

/// <summary>Why a rollout waits for a person, since when.</summary>
public sealed record RolloutHoldDto(string Reason, DateTimeOffset Since);
