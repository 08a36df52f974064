using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Hosting;
using Wasmtime;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// The only place stores are created. Every store gets the version's memory cap and epoch
/// deadline. A store for a linker with WASI (the WAGI executor) must be made with the overload
/// that takes a <see cref="WasiConfiguration"/>: a store whose linker has WASI but no WASI
/// configuration aborts the whole process on the first WASI call.
/// </summary>
internal sealed class StoreFactory(EdgeEngine engine)
{
    /// <summary>A store for a component linker, which never links WASI.</summary>
    public Store Create(LimitsDto limits)
    {
        var store = new Store(engine.Engine);
        var of = StoreLimits.Of(limits, engine.Options);
        store.SetLimits(memorySize: of.MemoryBytes, instances: of.Instances, tables: of.Tables, memories: of.Memories);
        store.SetEpochDeadline(of.DeadlineTicks);
        return store;
    }

    /// <summary>A store for a linker with WASI defined: the configuration is set before anything runs.</summary>
    public Store Create(LimitsDto limits, WasiConfiguration wasi)
    {
        ArgumentNullException.ThrowIfNull(wasi);
        var store = Create(limits);
        store.SetWasiConfiguration(wasi);
        return store;
    }
}
