namespace Platform.Contracts.Rollouts;

public sealed record RolloutEventDto(DateTimeOffset At, string Kind, string Message);
