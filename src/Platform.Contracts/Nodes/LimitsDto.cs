namespace Platform.Contracts.Nodes;

/// <summary>Per-request limits of a version.</summary>
/// <param name="MaxInstances">Instances of the version that may run at once on a node (its instance budget).</param>
/// <param name="KeyValueBytes">
/// The service's key-value quota on a node: bytes of keys plus values its stores may hold together. A write
/// that would grow the data beyond it fails in the guest; reads and deletes keep working.
/// </param>
public sealed record LimitsDto(int DeadlineMs, int MemoryMb, int MaxInstances = LimitsDto.DefaultMaxInstances,
    long KeyValueBytes = LimitsDto.DefaultKeyValueBytes)
{
    public const int DefaultMaxInstances = 32;

    public const long DefaultKeyValueBytes = 64L << 20;

    public static LimitsDto Default { get; } = new(1000, 64);
}
