namespace Platform.Contracts.Nodes;

/// <summary>Sent by a node every few seconds: which desired-state revision it applied, what is ready, and its traffic.</summary>
/// <param name="AppliedRevision">The revision of the desired state the node has converged to, if any.</param>
/// <param name="Ready">Versions compiled and able to take traffic.</param>
/// <param name="Failed">Versions the node could not load, with the reason.</param>
/// <param name="Metrics">Cumulative per-service-per-version counters since the node started; null from older nodes.</param>
public sealed record NodeHeartbeatRequest(
    string? AppliedRevision,
    IReadOnlyList<ReadyVersionDto> Ready,
    IReadOnlyList<FailedVersionDto> Failed,
    IReadOnlyList<VersionMetricsDto>? Metrics = null);
