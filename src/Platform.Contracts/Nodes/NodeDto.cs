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
    IReadOnlyList<string> Failed,
    IReadOnlyDictionary<string, string>? Labels = null,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null)
{
    public bool Revoked => RevokedAt is not null;
}
