namespace Platform.Domain.Services;

/// <summary>
/// A platform admin's per-service quotas; a null field follows the platform default. See
/// <see cref="ServiceQuotaRules"/> for the ranges.
/// </summary>
/// <param name="KeyValueBytes">Bytes of keys plus values the service's key-value stores may hold on a node.</param>
/// <param name="QueuedBuilds">Builds of the service that may wait in the queue at once.</param>
/// <param name="MaxInstances">Cap on instances of one version running at once on a node (the manifest's max_instances is capped by it).</param>
public sealed record ServiceQuotaOverrides(long? KeyValueBytes = null, int? QueuedBuilds = null, int? MaxInstances = null)
{
    public bool IsEmpty => KeyValueBytes is null && QueuedBuilds is null && MaxInstances is null;
}
