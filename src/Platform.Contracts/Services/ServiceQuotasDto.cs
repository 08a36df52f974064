namespace Platform.Contracts.Services;

/// <summary>
/// The quotas that hold for a service, and which of them a platform admin set for it (null: the platform default).
/// </summary>
/// <param name="KeyValueBytes">Bytes of keys plus values its key-value stores may hold on a node; a write beyond fails in the guest.</param>
/// <param name="QueuedBuilds">Builds that may wait in its queue; one more is refused with 429.</param>
/// <param name="MaxInstances">Cap on a version's instances per node: the budget is min(manifest max_instances, this); beyond it 503 + Retry-After.</param>
public sealed record ServiceQuotasDto(
    long KeyValueBytes,
    int QueuedBuilds,
    int MaxInstances,
    long? KeyValueBytesOverride,
    int? QueuedBuildsOverride,
    int? MaxInstancesOverride);
