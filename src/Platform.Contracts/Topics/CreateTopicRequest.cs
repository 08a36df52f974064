using System.Text.Json;

namespace Platform.Contracts.Topics;

/// <summary>
/// A new topic. Retention: <see cref="MaxAgeSeconds"/> and/or <see cref="MaxBytes"/>, within the platform's limits (neither: the
/// platform's default age). <see cref="Schema"/>, when given, becomes schema version 1.
/// </summary>
public sealed record CreateTopicRequest(
    string Name,
    string Team,
    string? Description = null,
    long? MaxAgeSeconds = null,
    long? MaxBytes = null,
    TopicAccessDto? Publishers = null,
    TopicAccessDto? Subscribers = null,
    JsonElement? Schema = null);
