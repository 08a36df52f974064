using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeRuntime.Metrics;

/// <summary>
/// Lock-free counters, a latency histogram (Prometheus) and a latency sketch (the canary analysis) for one service
/// version, or for the baseline copy of one (<paramref name="role"/>).
/// </summary>
public sealed class VersionMetrics(string service, string version, VersionRole role = VersionRole.Serving)
{
    /// <summary>
    /// Upper bounds of the latency buckets in milliseconds; a final +Inf bucket follows. Fine below
    /// 1 ms (a fresh instance costs microseconds) so two versions' distributions can be told apart.
    /// </summary>
    public static IReadOnlyList<double> LatencyBoundsMs { get; } = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

    private readonly long[] _buckets = new long[LatencyBoundsMs.Count + 1];
    private readonly LatencySketch _sketch = new();
    private long _requests;
    private long _errors;
    private long _trapped;
    private long _deadlineExceeded;
    private long _overloaded;
    private long _latencySumMicros;

    public string Service { get; } = service;

    public string Version { get; } = version;

    public VersionRole Role { get; } = role;

    public void Record(int status, ExecutionOutcome outcome, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _requests);
        if (status >= 500)
        {
            Interlocked.Increment(ref _errors);
        }
        if (outcome == ExecutionOutcome.Trapped)
        {
            Interlocked.Increment(ref _trapped);
        }
        else if (outcome == ExecutionOutcome.DeadlineExceeded)
        {
            Interlocked.Increment(ref _deadlineExceeded);
        }
        else if (outcome == ExecutionOutcome.Overloaded)
        {
            // Refused before an instance existed: its latency says nothing about the version.
            Interlocked.Increment(ref _overloaded);
            return;
        }
        var micros = (long)elapsed.TotalMicroseconds;
        Interlocked.Add(ref _latencySumMicros, micros);
        var ms = elapsed.TotalMilliseconds;
        var index = 0;
        while (index < LatencyBoundsMs.Count && ms > LatencyBoundsMs[index])
        {
            index++;
        }
        Interlocked.Increment(ref _buckets[index]);
        _sketch.Record(elapsed.TotalMicroseconds);
    }

    public VersionMetricsDto Snapshot()
    {
        var cumulative = new long[_buckets.Length];
        long running = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            running += Interlocked.Read(ref _buckets[i]);
            cumulative[i] = running;
        }
        var latency = new LatencyHistogramDto(LatencyBoundsMs, cumulative, Interlocked.Read(ref _latencySumMicros) / 1000.0);
        return new VersionMetricsDto(Service, Version,
            Interlocked.Read(ref _requests), Interlocked.Read(ref _errors),
            Interlocked.Read(ref _trapped), Interlocked.Read(ref _deadlineExceeded),
            latency, LatencySamplesDto.Empty, Interlocked.Read(ref _overloaded), _sketch.Snapshot(), Role);
    }
}
