namespace Platform.Contracts.Topics;

/// <summary>A topic: its owner, retention (seconds, bytes), rights beside the owner team, and its schema versions (newest last).</summary>
public sealed record TopicDto(
    string Name,
    string Description,
    string OwnerTeam,
    string Stream,
    string Subject,
    long? MaxAgeSeconds,
    long? MaxBytes,
    TopicAccessDto Publishers,
    TopicAccessDto Subscribers,
    IReadOnlyList<int> SchemaVersions,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
