namespace Platform.EdgeRuntime.Metrics;

/// <summary>One service's share of the guest workers so far (see <see cref="ServiceMetrics"/>).</summary>
/// <param name="Runs">Requests that ran on a worker.</param>
/// <param name="WorkerTime">Wall time its runs held a worker.</param>
/// <param name="CpuTime">CPU time of the worker threads during its runs (zero where the OS does not say).</param>
/// <param name="QueueTime">Time its requests waited for a worker, run or not.</param>
/// <param name="QueueFull">Requests refused with 503 because its queue was full.</param>
/// <param name="ExpiredQueued">Requests whose deadline passed while queued: answered 504 without running.</param>
/// <param name="DeadlineLateness">How long after their deadline its 504 answers were written (empty where nothing recorded them).</param>
public sealed record ServiceMetricsSnapshot(
    string Service,
    long Runs,
    TimeSpan WorkerTime,
    TimeSpan CpuTime,
    TimeSpan QueueTime,
    long QueueFull,
    long ExpiredQueued,
    DeadlineLatenessSnapshot? DeadlineLateness = null);
