using System.Diagnostics;

namespace Platform.EdgeRuntime.Capabilities;

/// <summary>
/// The request a host function is serving. Wasmtime's component callbacks receive no store or
/// caller, and a call runs synchronously on the thread that entered the guest, so the executor
/// publishes the current request in a thread-static slot for the duration of the call.
/// </summary>
internal sealed class InvocationContext
{
    [ThreadStatic]
    private static InvocationContext? t_current;

    public InvocationContext(string requestId, long deadlineTimestamp)
    {
        RequestId = requestId;
        DeadlineTimestamp = deadlineTimestamp;
    }

    public string RequestId { get; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> value at which the request's deadline passes.</summary>
    public long DeadlineTimestamp { get; }

    public TimeSpan Remaining
    {
        get
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), DeadlineTimestamp);
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }

    public static InvocationContext Current =>
        t_current ?? throw new InvalidOperationException("A platform host function was called outside of a request.");

    public static Scope Enter(InvocationContext context)
    {
        var previous = t_current;
        t_current = context;
        return new Scope(previous);
    }

    public readonly struct Scope(InvocationContext? previous) : IDisposable
    {
        public void Dispose() => t_current = previous;
    }
}
