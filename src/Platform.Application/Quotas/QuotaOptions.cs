using Platform.Domain.Services;

namespace Platform.Application.Quotas;

/// <summary>
/// Platform-wide quotas per service (section "Quotas"); an admin overrides them per service
/// (<see cref="ServiceQuotaOverrides"/>).
/// </summary>
public sealed class QuotaOptions
{
    public const string Section = "Quotas";

    /// <summary>Bytes of keys plus values a service's key-value stores may hold on a node.</summary>
    public long KeyValueBytes { get; set; } = 64L << 20;

    /// <summary>Builds of one service that may wait in the queue; one more is refused (429).</summary>
    public int QueuedBuilds { get; set; } = 3;

    /// <summary>The platform's cap on a version's instances per node; the manifest's max_instances is capped by it.</summary>
    public int MaxInstances { get; set; } = 32;

    /// <summary>The quotas that hold for a service: its overrides where set, the platform's otherwise.</summary>
    public EffectiveQuotas For(ServiceQuotaOverrides? overrides) => new(
        overrides?.KeyValueBytes ?? KeyValueBytes,
        overrides?.QueuedBuilds ?? QueuedBuilds,
        overrides?.MaxInstances ?? MaxInstances);
}
