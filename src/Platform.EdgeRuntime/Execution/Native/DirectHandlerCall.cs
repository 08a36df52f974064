using System.Runtime.InteropServices;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Hosting;
using Wasmtime;
using Wasmtime.Components;
using static Platform.EdgeRuntime.Execution.Native.NativeErrors;
using static Platform.EdgeRuntime.Execution.Native.WasmtimeNative;

namespace Platform.EdgeRuntime.Execution.Native;

/// <summary>
/// One request on a fresh instance through Wasmtime's C API: a store with the version's limits
/// and deadline, instantiate through the version's linker (its host functions are the package's,
/// defined once at load), call <c>handler.handle</c>, read the response, delete the store. The
/// engine, component, linker and export objects stay owned by the Wasmtime package: this type
/// holds them so their native handles outlive every call.
/// </summary>
internal sealed unsafe class DirectHandlerCall
{
    private readonly Engine _engine;
    private readonly Component _component;
    private readonly ComponentLinker _linker;
    private readonly ComponentExport _export;
    private readonly nint _engineHandle;
    private readonly nint _componentHandle;
    private readonly nint _linkerHandle;
    private readonly nint _exportHandle;
    private readonly StoreLimits _limits;

    public DirectHandlerCall(EdgeEngine engine, Component component, ComponentLinker linker, ComponentExport handleExport, LimitsDto limits)
    {
        _engine = engine.Engine;
        _component = component;
        _linker = linker;
        _export = handleExport;
        _engineHandle = BindingHandles.Engine(_engine);
        _componentHandle = BindingHandles.Component(component);
        _linkerHandle = BindingHandles.Linker(linker);
        _exportHandle = BindingHandles.Export(handleExport);
        _limits = StoreLimits.Of(limits, engine.Options);
    }

    /// <exception cref="WasmtimeException">Instantiation or the call failed (trap, deadline, memory, no free slot).</exception>
    public (int Status, List<KeyValuePair<string, string>> Headers, byte[] Body) Invoke(EdgeRequest request, ulong deadlineTicks)
    {
        var arguments = RequestValueWriter.Write(request);
        var store = wasmtime_store_new(_engineHandle, 0, 0);
        try
        {
            // The same limits StoreFactory gives the package's stores (no limit on table elements: -1).
            wasmtime_store_limiter(store, _limits.MemoryBytes, -1, _limits.Instances, _limits.Tables, _limits.Memories);
            var context = wasmtime_store_context(store);
            wasmtime_context_set_epoch_deadline(context, Math.Min(deadlineTicks, _limits.DeadlineTicks));
            InstanceHandle instance;
            ThrowIfError(wasmtime_component_linker_instantiate(_linkerHandle, context, _componentHandle, &instance));
            FuncHandle func;
            if (!wasmtime_component_instance_get_func(&instance, context, _exportHandle, &func))
            {
                throw new WasmtimeException("the instance does not export handler#handle");
            }
            var result = stackalloc byte[ValueSize];
            new Span<byte>(result, ValueSize).Clear();
            ThrowIfError(wasmtime_component_func_call(&func, context, arguments, 1, result, 1));
            try
            {
                return ResponseValueReader.Read(result);
            }
            finally
            {
                wasmtime_component_val_delete(result);
            }
        }
        finally
        {
            wasmtime_store_delete(store);
            NativeMemory.Free(arguments);
            GC.KeepAlive(_engine);
            GC.KeepAlive(_component);
            GC.KeepAlive(_linker);
            GC.KeepAlive(_export);
        }
    }
}
