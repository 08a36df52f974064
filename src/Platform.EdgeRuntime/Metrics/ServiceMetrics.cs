namespace Platform.EdgeRuntime.Metrics;

/// <summary>
/// What one service took from the node's guest workers, all versions together: worker time (the
/// fair scheduler's currency), CPU time of the worker thread during its runs, time its requests
/// waited for a worker, requests answered without running (queue full, deadline passed queued), and how late
/// its deadline answers left the node (<see cref="DeadlineLateness"/>).
/// </summary>
public sealed class ServiceMetrics(string service)
{
    private long _runs;
    private long _workerMicros;
    private long _cpuMicros;
    private long _queuedMicros;
    private long _queueFull;
    private long _expiredQueued;
    private readonly DeadlineLateness _lateness = new();

    public string Service { get; } = service;

    public void RecordRun(TimeSpan queued, TimeSpan worker, TimeSpan cpu)
    {
        Interlocked.Increment(ref _runs);
        Interlocked.Add(ref _queuedMicros, (long)queued.TotalMicroseconds);
        Interlocked.Add(ref _workerMicros, (long)worker.TotalMicroseconds);
        Interlocked.Add(ref _cpuMicros, (long)cpu.TotalMicroseconds);
    }

    public void RecordExpiredQueued(TimeSpan queued)
    {
        Interlocked.Increment(ref _expiredQueued);
        Interlocked.Add(ref _queuedMicros, (long)queued.TotalMicroseconds);
    }

    public void RecordQueueFull() => Interlocked.Increment(ref _queueFull);

    /// <summary>A deadline answer (504) was written <paramref name="late"/> after the request's deadline (arrival + deadline).</summary>
    public void RecordDeadlineAnswer(TimeSpan late) => _lateness.Record(late);

    public ServiceMetricsSnapshot Snapshot() => new(Service,
        Interlocked.Read(ref _runs),
        TimeSpan.FromMicroseconds(Interlocked.Read(ref _workerMicros)),
        TimeSpan.FromMicroseconds(Interlocked.Read(ref _cpuMicros)),
        TimeSpan.FromMicroseconds(Interlocked.Read(ref _queuedMicros)),
        Interlocked.Read(ref _queueFull),
        Interlocked.Read(ref _expiredQueued),
        _lateness.Snapshot());
}
