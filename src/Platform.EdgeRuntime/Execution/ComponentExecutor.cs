using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Execution.Native;
using Platform.EdgeRuntime.Hosting;
using Platform.EdgeRuntime.Inspection;
using Wasmtime;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// The component executor: a new store with the version's limits, instantiate through the
/// version's linker (exactly the granted capabilities), call handler.handle, discard. The call
/// goes straight to Wasmtime's C API (<see cref="DirectHandlerCall"/>); the linker and its host
/// functions are the Wasmtime package's.
/// </summary>
internal sealed class ComponentExecutor : IGuestExecutor
{
    private readonly DirectHandlerCall _call;

    public ComponentExecutor(CompiledComponent compiled, ComponentLinker linker, EdgeEngine engine, LimitsDto limits)
    {
        // The handler's export index, looked up once per version instead of by name per request.
        var handle = (compiled.Component.GetExport(PlatformWorld.Handler) is { } handler
                ? compiled.Component.GetExport(PlatformWorld.HandleFunction, handler)
                : null)
            ?? throw new WasmtimeException($"component does not export {PlatformWorld.Handler}#{PlatformWorld.HandleFunction}");
        _call = new DirectHandlerCall(engine, compiled.Component, linker, handle, limits);
    }

    public EdgeResponse Run(EdgeRequest request, string requestId, ulong deadlineTicks)
    {
        var (status, headers, body) = _call.Invoke(request, deadlineTicks);
        if (status is < 100 or > 599)
        {
            return ErrorResponses.Create(500, ExecutionOutcome.Failed, requestId, $"component returned invalid status {status}");
        }
        headers.RemoveAll(h => h.Key.Equals("x-request-id", StringComparison.OrdinalIgnoreCase));
        headers.Add(new("x-request-id", requestId));
        return new EdgeResponse(status, headers, body, ExecutionOutcome.Completed, requestId);
    }
}
