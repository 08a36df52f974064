using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Hosting;
using Wasmtime;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// The only place stores are created. Every store gets the version's memory cap and epoch
/// deadline. If WASI is ever linked (e.g. for a WAGI executor), its configuration must be set
/// here too: a store whose linker has WASI but no WASI configuration aborts the whole process
/// on the first WASI call.
/// </summary>
internal sealed class StoreFactory(EdgeEngine engine)
{
    public Store Create(LimitsDto limits)
    {
        var store = new Store(engine.Engine);
        var memoryMb = Math.Clamp(limits.MemoryMb, 1, engine.Options.MaxMemoryMb);
        store.SetLimits(memorySize: (long)memoryMb << 20, instances: 16, tables: 16, memories: 4);
        // One epoch tick per millisecond (see EpochTicker).
        store.SetEpochDeadline((ulong)Math.Max(1, limits.DeadlineMs));
        return store;
    }
}
