namespace Platform.EdgeRuntime.Scheduling;

/// <summary>
/// How guests share the node's worker threads. Bound from configuration section "Edge:Scheduler".
/// </summary>
public sealed class SchedulerOptions
{
    public const string Section = "Edge:Scheduler";

    /// <summary>Dedicated threads that run guest code; 0 means one per processor.</summary>
    public int Workers { get; set; }

    /// <summary>Requests of one service waiting for a worker; one more is refused with 503 and Retry-After.</summary>
    public int MaxQueuedPerService { get; set; } = 128;

    /// <summary>
    /// A service whose runs take longer than this on average is a long runner: long runners together
    /// hold at most <see cref="LongRunWorkers"/> workers, so short requests always find one free.
    /// A service that has not finished a run yet runs one request at a time until it has.
    /// </summary>
    public double LongRunMs { get; set; } = 5;

    /// <summary>Workers long runners may hold at once; 0 means half the workers (at least one).</summary>
    public int LongRunWorkers { get; set; }

    /// <summary>How long one idle worker waits for the next request (yielding its core) before it sleeps; 0 sleeps at once.</summary>
    public int IdleSpinMicroseconds { get; set; } = 250;

    internal int EffectiveWorkers => Workers > 0 ? Workers : Environment.ProcessorCount;

    internal int EffectiveLongRunWorkers => LongRunWorkers > 0 ? Math.Min(LongRunWorkers, EffectiveWorkers) : Math.Max(1, EffectiveWorkers / 2);
}
