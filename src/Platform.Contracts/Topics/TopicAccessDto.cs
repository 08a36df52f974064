namespace Platform.Contracts.Topics;

/// <summary>Teams and services (by name) granted a right on a topic.</summary>
public sealed record TopicAccessDto(IReadOnlyList<string>? Teams = null, IReadOnlyList<string>? Services = null);
