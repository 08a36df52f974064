namespace Platform.Contracts.Registry;

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
    DateTimeOffset PublishedAt);
