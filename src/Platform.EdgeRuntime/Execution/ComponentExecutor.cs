using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.EdgeRuntime.Capabilities;
using Platform.EdgeRuntime.Hosting;
using Platform.EdgeRuntime.Inspection;
using Platform.EdgeRuntime.Metrics;
using Wasmtime;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// Runs one request on a fresh instance (shared-nothing): new store with the version's memory
/// cap and deadline, instantiate through the version's linker, call handler.handle, discard.
/// Traps, deadlines and memory exhaustion become 500/504/500 answers; the host keeps running.
/// </summary>
public sealed class ComponentExecutor
{
    private readonly StoreFactory _stores;
    private readonly EdgeMetrics _metrics;
    private readonly ILogger _logger;

    public ComponentExecutor(EdgeEngine engine, EdgeMetrics metrics, ILogger<ComponentExecutor>? logger = null)
    {
        _stores = new StoreFactory(engine);
        _metrics = metrics;
        _logger = logger ?? NullLogger<ComponentExecutor>.Instance;
    }

    public EdgeResponse Execute(LoadedVersion version, EdgeRequest request, string requestId)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(version.Limits.DeadlineMs * (Stopwatch.Frequency / 1000.0));
        EdgeResponse response;
        using (_logger.BeginScope(new Dictionary<string, object> { ["Service"] = version.Service, ["Version"] = version.Version, ["RequestId"] = requestId }))
        using (InvocationContext.Enter(new InvocationContext(requestId, deadline)))
        {
            try
            {
                response = Run(version, request, requestId);
            }
            catch (WasmtimeException ex)
            {
                response = Failure(ex, requestId);
                _logger.LogWarning("{Service} {Version} request {RequestId} ended with {Outcome}: {Error}",
                    version.Service, version.Version, requestId, response.Outcome, response.Error);
            }
        }
        _metrics.Record(version.Service, version.Version, response.Status, response.Outcome, Stopwatch.GetElapsedTime(started));
        return response;
    }

    private EdgeResponse Run(LoadedVersion version, EdgeRequest request, string requestId)
    {
        using var store = _stores.Create(version.Limits);
        var instance = version.Linker.Instantiate(store, version.Compiled.Component);
        var handle = instance.GetFunction(PlatformWorld.Handler, PlatformWorld.HandleFunction)
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

    /// <summary>
    /// Component calls surface every trap as a plain <see cref="WasmtimeException"/> (not
    /// TrapException), so the cause is read from Wasmtime's message.
    /// </summary>
    private static EdgeResponse Failure(WasmtimeException ex, string requestId)
    {
        var message = ex.Message;
        var cause = message.Contains("Caused by:", StringComparison.Ordinal)
            ? message[(message.LastIndexOf("Caused by:", StringComparison.Ordinal) + 10)..].Trim()
            : message.Split('\n')[0];
        if (message.Contains("wasm trap: interrupt", StringComparison.Ordinal))
        {
            return ErrorResponses.Create(504, ExecutionOutcome.DeadlineExceeded, requestId, "deadline exceeded");
        }
        if (message.Contains("exceeds memory limits", StringComparison.Ordinal) || message.Contains("memory minimum size", StringComparison.Ordinal)
            || message.Contains("out of memory", StringComparison.OrdinalIgnoreCase))
        {
            return ErrorResponses.Create(500, ExecutionOutcome.MemoryExhausted, requestId, cause);
        }
        if (message.Contains("concurrent", StringComparison.Ordinal) && message.Contains("limit", StringComparison.Ordinal))
        {
            return ErrorResponses.Create(503, ExecutionOutcome.Overloaded, requestId, cause);
        }
        if (message.Contains("wasm trap", StringComparison.Ordinal) || ex.Frames is { Count: > 0 })
        {
            return ErrorResponses.Create(500, ExecutionOutcome.Trapped, requestId, cause);
        }
        return ErrorResponses.Create(500, ExecutionOutcome.Failed, requestId, cause);
    }
}
