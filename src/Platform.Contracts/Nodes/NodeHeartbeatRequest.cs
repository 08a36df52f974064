using System.Text.Json.Serialization;

namespace Platform.Contracts.Nodes;

/// <summary>Sent by a node every few seconds: which desired-state revision it applied, what is ready, and its traffic.</summary>
/// <param name="AppliedRevision">The revision of the desired state the node has converged to, if any.</param>
/// <param name="Ready">Versions compiled and able to take traffic; on a <paramref name="Partial"/> heartbeat null when unchanged.</param>
/// <param name="Failed">Versions the node could not load, with the reason; on a <paramref name="Partial"/> heartbeat null when unchanged.</param>
/// <param name="Metrics">
/// Cumulative per-service-per-version counters since the node started; null from older nodes. On a <paramref name="Partial"/>
/// heartbeat only the versions whose counters moved since the node's last accepted heartbeat.
/// </param>
/// <param name="Partial">
/// True when the heartbeat carries only what changed since the last one the control plane accepted from this node: what it
/// leaves out stays as stored (a node with ten thousand versions does not send them all every few seconds).
/// </param>
/// <param name="Changed">
/// On a <paramref name="Partial"/> heartbeat whose <paramref name="Ready"/> and <paramref name="Failed"/> are null: the
/// services whose ready or failed versions changed, each with all of its own (a new version of one service among ten
/// thousand travels as that service, not as the node's whole list); null when none changed.
/// </param>
public sealed record NodeHeartbeatRequest(
    string? AppliedRevision,
    IReadOnlyList<ReadyVersionDto>? Ready,
    IReadOnlyList<FailedVersionDto>? Failed,
    IReadOnlyList<VersionMetricsDto>? Metrics = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Partial = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ServiceReadinessDto>? Changed = null);
