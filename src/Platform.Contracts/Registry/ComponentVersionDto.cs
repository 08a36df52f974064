using Platform.Contracts.Nodes;

namespace Platform.Contracts.Registry;

/// <param name="PublishTopics">Topics the version may publish to (empty when none; null from an API that predates topics).</param>
/// <param name="Triggers">The version's topic triggers, defaults filled in (empty when none; null from an API that predates topics).</param>
public sealed record ComponentVersionDto(
    string Service,
    string Version,
    string Digest,
    long Size,
    string Executor,
    IReadOnlyList<string> Imports,
    IReadOnlyList<string> Exports,
    IReadOnlyList<string> AllowedOutboundHosts,
    IReadOnlyList<string> KeyValueStores,
    IReadOnlyList<string> Variables,
    int DeadlineMs,
    int MemoryMb,
    int MaxInstances,
    string? SourceRevisionDigest,
    Guid? BuildId,
    string PublishedBy,
    DateTimeOffset PublishedAt,
    IReadOnlyList<string>? PublishTopics = null,
    IReadOnlyList<TriggerDto>? Triggers = null);
