using Platform.Contracts.Nodes;
using Platform.Contracts.Registry;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Events;
using Platform.EdgeRuntime.Execution.Native;
using Platform.EdgeRuntime.Hosting;
using Platform.EdgeRuntime.Inspection;
using Wasmtime;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// The component executor: a new store with the version's limits, instantiate through the
/// version's linker (exactly the granted capabilities), call handler.handle (or events.handle for an event), discard.
/// The call goes straight to Wasmtime's C API (<see cref="DirectComponentCall"/>); the linker and its host
/// functions are the Wasmtime package's. Components of every version of the world are served: the handler is
/// looked up under each version's name. An executor that owns its component and linker (one a parked version was
/// loaded again with, see <see cref="Residency"/>) releases them when disposed.
/// </summary>
internal sealed class ComponentExecutor : IGuestExecutor, IDisposable
{
    private readonly DirectComponentCall _call;
    private readonly IDisposable[] _owned;

    /// <param name="owns">Dispose the component and linker with this executor (nothing else uses them).</param>
    public ComponentExecutor(CompiledComponent compiled, ComponentLinker linker, EdgeEngine engine, LimitsDto limits, bool owns = false)
    {
        // The exports' indexes, looked up once per version instead of by name per request.
        var (handle, version) = FindFunction(compiled.Component, PlatformWorld.Handler)
            ?? throw new WasmtimeException($"component does not export {PlatformWorld.Handler}#{PlatformWorld.HandleFunction}");
        var events = FindFunction(compiled.Component, PlatformWorld.Events)?.Function;
        _call = new DirectComponentCall(engine, compiled.Component, linker, handle, version, events, limits);
        _owned = owns ? [handle, .. events is null ? Array.Empty<IDisposable>() : [events], linker, compiled.Component] : [];
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    public bool HandlesEvents => _call.HandlesEvents;

    /// <summary>The interface's <c>handle</c> export in whichever version of the world the component targets, with that version.</summary>
    public static (ComponentExport Function, string Version)? FindFunction(Component component, string currentInterface)
    {
        foreach (var name in PlatformWorld.InEveryVersion(currentInterface))
        {
            if (component.GetExport(name) is { } instance && component.GetExport(PlatformWorld.HandleFunction, instance) is { } function)
            {
                return (function, EdgeWorld.VersionOf(name));
            }
        }
        return null;
    }

    public EdgeResponse Run(EdgeRequest request, string requestId, ulong deadlineTicks)
    {
        var (status, headers, body) = _call.Handle(request, deadlineTicks);
        if (status is < 100 or > 599)
        {
            return ErrorResponses.Create(500, ExecutionOutcome.Failed, requestId, $"component returned invalid status {status}");
        }
        headers.RemoveAll(h => h.Key.Equals("x-request-id", StringComparison.OrdinalIgnoreCase));
        headers.Add(new("x-request-id", requestId));
        return new EdgeResponse(status, headers, body, ExecutionOutcome.Completed, requestId);
    }

    public EdgeResponse Deliver(EdgeEvent delivery, string requestId, ulong deadlineTicks)
    {
        if (!_call.HandlesEvents)
        {
            return ErrorResponses.Create(500, ExecutionOutcome.Failed, requestId, "the component does not export events#handle (build it for the event-service world)");
        }
        return _call.HandleEvent(delivery, deadlineTicks) is { } error
            ? ErrorResponses.Create(500, ExecutionOutcome.Failed, requestId, error)
            : EventAnswers.Handled(requestId);
    }
}
