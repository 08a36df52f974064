using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Capabilities;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Inspection;
using Wasmtime;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// The component executor: a new store with the version's limits, instantiate through the
/// version's linker (exactly the granted capabilities), call handler.handle, discard.
/// </summary>
internal sealed class ComponentExecutor(CompiledComponent compiled, ComponentLinker linker, StoreFactory stores, LimitsDto limits) : IGuestExecutor
{
    /// <summary>The handler's export index, looked up once per version instead of by name per request.</summary>
    private readonly ComponentExport? _handle = compiled.Component.GetExport(PlatformWorld.Handler) is { } handler
        ? compiled.Component.GetExport(PlatformWorld.HandleFunction, handler)
        : null;

    public EdgeResponse Run(EdgeRequest request, string requestId)
    {
        using var store = stores.Create(limits);
        var instance = linker.Instantiate(store, compiled.Component);
        var handle = (_handle is null ? null : instance.GetFunction(_handle))
            ?? throw new WasmtimeException($"component does not export {PlatformWorld.Handler}#{PlatformWorld.HandleFunction}");
        var result = handle.Call(ComponentValues.Request(request.Method, request.Uri, request.Headers, request.Body))
            ?? throw new WasmtimeException("handler.handle returned no response");
        var status = result.Field("status").AsU16();
        if (status is < 100 or > 599)
        {
            return ErrorResponses.Create(500, ExecutionOutcome.Failed, requestId, $"component returned invalid status {status}");
        }
        var headers = ComponentValues.ToHeaders(result.Field("headers"));
        headers.RemoveAll(h => h.Key.Equals("x-request-id", StringComparison.OrdinalIgnoreCase));
        headers.Add(new("x-request-id", requestId));
        return new EdgeResponse(status, headers, ComponentValues.ToBytes(result.Field("body")), ExecutionOutcome.Completed, requestId);
    }
}
