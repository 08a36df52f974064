namespace Platform.Contracts.Topics;

/// <summary>
/// A replay of a service's events (<paramref name="Source"/> "topic": from a sequence or a time) or a re-drive of its dead
/// letters ("dead-letters"), into one version, up to the source's last sequence when it was asked.
/// </summary>
/// <param name="Remaining">Events still to go, when active and NATS answers (an upper bound: it counts what came after the end too).</param>
public sealed record ReplayDto(
    Guid Id, string Service, string Topic, string? Filter, string Source, long? FromSequence, DateTimeOffset? FromTime, long UntilSequence,
    string Version, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt, string? Outcome, long? Remaining);
