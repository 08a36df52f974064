namespace Platform.Contracts.Builds;

public sealed record BuildDto(
    Guid Id,
    string Service,
    string Version,
    string Status,
    string Toolchain,
    int Attempt,
    string? Error,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string RequestedBy,
    string? TraceId = null);
