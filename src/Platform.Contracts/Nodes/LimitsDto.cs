namespace Platform.Contracts.Nodes;

/// <summary>Per-request limits of a version.</summary>
public sealed record LimitsDto(int DeadlineMs, int MemoryMb)
{
    public static LimitsDto Default { get; } = new(1000, 64);
}
