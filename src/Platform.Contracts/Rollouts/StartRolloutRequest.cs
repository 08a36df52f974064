namespace Platform.Contracts.Rollouts;

public sealed record StartRolloutRequest(string Version);
