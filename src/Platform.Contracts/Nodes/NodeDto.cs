namespace Platform.Contracts.Nodes;

public sealed record NodeDto(
    Guid Id,
    string Name,
    string Region,
    string BaseUrl,
    bool Online,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? LastHeartbeatAt,
    IReadOnlyList<string> Ready,
    IReadOnlyList<string> Failed);
