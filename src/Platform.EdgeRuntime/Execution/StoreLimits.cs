using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Hosting;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// What every store of a version is limited to, whichever way it is created (<see cref="StoreFactory"/> or
/// <see cref="Native.DirectComponentCall"/>): the version's memory cap within the node's maximum, 16 instances,
/// 16 tables, 4 memories, and the deadline in epoch ticks (one per millisecond, see <see cref="EpochTicker"/>).
/// </summary>
internal readonly record struct StoreLimits(long MemoryBytes, uint Instances, uint Tables, uint Memories, ulong DeadlineTicks)
{
    public static StoreLimits Of(LimitsDto limits, EdgeEngineOptions options) =>
        new((long)Math.Clamp(limits.MemoryMb, 1, options.MaxMemoryMb) << 20, 16, 16, 4, (ulong)Math.Max(1, limits.DeadlineMs));
}
