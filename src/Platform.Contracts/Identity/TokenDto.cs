namespace Platform.Contracts.Identity;

public sealed record TokenDto(
    Guid Id,
    string Name,
    string Kind,
    string Prefix,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt,
    bool Revoked);
