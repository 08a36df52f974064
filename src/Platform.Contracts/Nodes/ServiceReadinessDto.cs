namespace Platform.Contracts.Nodes;

/// <summary>
/// On a partial heartbeat: one service whose ready or failed versions changed since the node's last accepted heartbeat,
/// with all of them now (empty lists: nothing of it is ready, or nothing failed). It replaces what is stored for the service.
/// </summary>
public sealed record ServiceReadinessDto(string Service, IReadOnlyList<ReadyVersionDto> Ready, IReadOnlyList<FailedVersionDto> Failed);
