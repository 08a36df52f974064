namespace Platform.Contracts.Nodes;

/// <summary>Per-request limits of a version.</summary>
/// <param name="MaxInstances">Instances of the version that may run at once on a node (its instance budget).</param>
public sealed record LimitsDto(int DeadlineMs, int MemoryMb, int MaxInstances = LimitsDto.DefaultMaxInstances)
{
    public const int DefaultMaxInstances = 32;

    public static LimitsDto Default { get; } = new(1000, 64);
}
