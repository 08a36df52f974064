using System.Runtime.InteropServices;
using System.Text;
using Platform.Contracts.Nodes;
using Platform.Contracts.Registry;
using Platform.EdgeRuntime.Events;
using Platform.EdgeRuntime.Hosting;
using Wasmtime;
using Wasmtime.Components;
using static Platform.EdgeRuntime.Execution.Native.NativeErrors;
using static Platform.EdgeRuntime.Execution.Native.WasmtimeNative;

namespace Platform.EdgeRuntime.Execution.Native;

/// <summary>
/// One request or event on a fresh instance through Wasmtime's C API: a store with the version's limits
/// and deadline, instantiate through the version's linker (its host functions are the package's,
/// defined once at load), call <c>handler.handle</c> (or <c>events.handle</c>), read the result, delete the store.
/// The engine, component, linker and export objects stay owned by the Wasmtime package: this type
/// holds them so their native handles outlive every call.
/// </summary>
internal sealed unsafe class DirectComponentCall
{
    private readonly Engine _engine;
    private readonly Component _component;
    private readonly ComponentLinker _linker;
    private readonly ComponentExport _handleExport;
    private readonly ComponentExport? _eventExport;
    private readonly nint _engineHandle;
    private readonly nint _componentHandle;
    private readonly nint _linkerHandle;
    private readonly nint _handleHandle;
    private readonly nint _eventHandle;
    private readonly StoreLimits _limits;
    private readonly bool _contentVariant;

    /// <param name="worldVersion">The platform:edge version the component's handler export belongs to (how its bodies and event data cross).</param>
    /// <param name="eventExport">events#handle, when the component exports it (0.2.0's event-service world).</param>
    public DirectComponentCall(EdgeEngine engine, Component component, ComponentLinker linker, ComponentExport handleExport, string worldVersion,
        ComponentExport? eventExport, LimitsDto limits)
    {
        _contentVariant = EdgeWorld.HasContentVariant(worldVersion);
        _engine = engine.Engine;
        _component = component;
        _linker = linker;
        _handleExport = handleExport;
        _eventExport = eventExport;
        _engineHandle = BindingHandles.Engine(_engine);
        _componentHandle = BindingHandles.Component(component);
        _linkerHandle = BindingHandles.Linker(linker);
        _handleHandle = BindingHandles.Export(handleExport);
        _eventHandle = eventExport is null ? 0 : BindingHandles.Export(eventExport);
        _limits = StoreLimits.Of(limits, engine.Options);
    }

    public bool HandlesEvents => _eventExport is not null;

    /// <exception cref="WasmtimeException">Instantiation or the call failed (trap, deadline, memory, no free slot).</exception>
    public (int Status, List<KeyValuePair<string, string>> Headers, byte[] Body) Handle(EdgeRequest request, ulong deadlineTicks) =>
        Call(_handleHandle, ValueWriter.Write(request, _contentVariant), deadlineTicks, &ResponseValueReader.Read);

    /// <summary>Null when the handler returned ok; its error text otherwise.</summary>
    /// <exception cref="WasmtimeException">Instantiation or the call failed (trap, deadline, memory, no free slot).</exception>
    public string? HandleEvent(EdgeEvent delivery, ulong deadlineTicks)
    {
        if (_eventExport is null)
        {
            throw new WasmtimeException("the component does not export events#handle");
        }
        return Call(_eventHandle, ValueWriter.Write(delivery, _contentVariant), deadlineTicks, &ReadUnitResult);
    }

    private T Call<T>(nint export, byte* arguments, ulong deadlineTicks, delegate*<byte*, T> read)
    {
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
            if (!wasmtime_component_instance_get_func(&instance, context, export, &func))
            {
                throw new WasmtimeException("the instance does not export the function called");
            }
            var result = stackalloc byte[ValueSize];
            new Span<byte>(result, ValueSize).Clear();
            ThrowIfError(wasmtime_component_func_call(&func, context, arguments, 1, result, 1));
            try
            {
                return read(result);
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
            GC.KeepAlive(_handleExport);
            GC.KeepAlive(_eventExport);
        }
    }

    /// <summary>result&lt;_, string&gt;: null for ok, the error's text otherwise.</summary>
    private static string? ReadUnitResult(byte* value)
    {
        if ((ValKind)(*value) != ValKind.Result)
        {
            throw new WasmtimeException($"events#handle returned a value of kind {*value}, not a result");
        }
        var result = *(ResultPayload*)(value + PayloadOffset);
        if (result.IsOk)
        {
            return null;
        }
        if (result.Value is null || (ValKind)(*result.Value) != ValKind.String)
        {
            return "the event handler failed";
        }
        var text = *(Vec*)(result.Value + PayloadOffset);
        return Encoding.UTF8.GetString(text.Data, (int)Math.Min(text.Size, 4096));
    }
}
