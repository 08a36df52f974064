namespace Platform.Contracts.Rollouts;

public sealed record RolloutDto(
    Guid Id,
    string Service,
    string TargetVersion,
    string? PreviousVersion,
    string Phase,
    string Message,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<RolloutEventDto> Events);
