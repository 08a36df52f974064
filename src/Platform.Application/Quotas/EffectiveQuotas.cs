namespace Platform.Application.Quotas;

/// <summary>The quotas that hold for one service.</summary>
public sealed record EffectiveQuotas(long KeyValueBytes, int QueuedBuilds, int MaxInstances)
{
    /// <summary>A version's instance budget: what its manifest asks for, capped by the quota.</summary>
    public int InstancesFor(int manifestMaxInstances) => Math.Min(manifestMaxInstances, MaxInstances);
}
