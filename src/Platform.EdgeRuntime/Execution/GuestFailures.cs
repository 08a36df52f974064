using Wasmtime;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// Maps how a guest run failed to the node's answer: interrupt at the deadline → 504, memory
/// limit → 500, no free instance slot → 503, trap → 500, anything else → 500. Component calls
/// surface every trap as a plain <see cref="WasmtimeException"/> (not TrapException), so the
/// cause is read from Wasmtime's message; core-module calls throw <see cref="TrapException"/>.
/// </summary>
internal static class GuestFailures
{
    /// <summary>The body of a 504 for a run stopped (or answered) at its deadline.</summary>
    public const string DeadlineExceeded = "deadline exceeded";

    public static EdgeResponse ToResponse(WasmtimeException ex, string requestId)
    {
        var message = ex.Message;
        var cause = message.Contains("Caused by:", StringComparison.Ordinal)
            ? message[(message.LastIndexOf("Caused by:", StringComparison.Ordinal) + 10)..].Trim()
            : message.Split('\n')[0];
        if ((ex is TrapException { Type: TrapCode.Interrupt }) || message.Contains("wasm trap: interrupt", StringComparison.Ordinal))
        {
            return ErrorResponses.Create(504, ExecutionOutcome.DeadlineExceeded, requestId, DeadlineExceeded);
        }
        if (ex.ExitCode is { } code)
        {
            return ErrorResponses.Create(500, ExecutionOutcome.Failed, requestId, $"the module exited with code {code}");
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
        if (ex is TrapException || message.Contains("wasm trap", StringComparison.Ordinal) || ex.Frames is { Count: > 0 })
        {
            return ErrorResponses.Create(500, ExecutionOutcome.Trapped, requestId, cause);
        }
        return ErrorResponses.Create(500, ExecutionOutcome.Failed, requestId, cause);
    }
}
