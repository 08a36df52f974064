namespace Platform.Contracts.Topics;

/// <summary>Changes a topic's settings; a null field keeps its value (the owner team does not change).</summary>
public sealed record UpdateTopicRequest(
    string? Description = null,
    long? MaxAgeSeconds = null,
    long? MaxBytes = null,
    TopicAccessDto? Publishers = null,
    TopicAccessDto? Subscribers = null);
