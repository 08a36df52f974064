namespace Platform.EdgeRuntime.Metrics;

/// <summary>
/// How late a service's deadline answers (504) left the node: the time from the request's arrival to its answer
/// written, less the deadline, in fixed buckets fine enough to tell one epoch tick (1 ms) from several. The node's
/// latency sketch (2% buckets) cannot: near a 200 ms deadline its bucket is 4 ms wide.
/// </summary>
public sealed class DeadlineLateness
{
    /// <summary>Upper bounds of the buckets, in microseconds; a last bucket takes everything later.</summary>
    public static readonly IReadOnlyList<long> BoundsMicros = [100, 250, 500, 1_000, 2_000, 5_000, 10_000, 50_000];

    private readonly long[] _counts = new long[BoundsMicros.Count + 1];
    private long _sumMicros;

    public void Record(TimeSpan late)
    {
        var micros = Math.Max(0, (long)late.TotalMicroseconds);
        var bucket = 0;
        while (bucket < BoundsMicros.Count && micros > BoundsMicros[bucket]) bucket++;
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Add(ref _sumMicros, micros);
    }

    public DeadlineLatenessSnapshot Snapshot()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Interlocked.Read(ref _counts[i]);
            cumulative[i] = running;
        }
        return new DeadlineLatenessSnapshot(cumulative, TimeSpan.FromMicroseconds(Interlocked.Read(ref _sumMicros)));
    }
}

/// <summary>Cumulative counts per bucket of <see cref="DeadlineLateness.BoundsMicros"/> (the last one: all answers) and their sum.</summary>
public sealed record DeadlineLatenessSnapshot(IReadOnlyList<long> CumulativeCounts, TimeSpan Sum)
{
    public long Count => CumulativeCounts.Count == 0 ? 0 : CumulativeCounts[^1];

    public static DeadlineLatenessSnapshot Empty { get; } = new(new long[DeadlineLateness.BoundsMicros.Count + 1], TimeSpan.Zero);
}
