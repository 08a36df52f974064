namespace Platform.Domain.Nodes;

/// <summary>
/// The latest cumulative counters one node reported for one service version (since that node started),
/// with its most recent raw latencies. Kept per node so analysis can compare versions on the same traffic.
/// </summary>
public sealed record VersionMetrics
{
    public required string Service { get; init; }
    public required string Version { get; init; }
    public long Requests { get; init; }
    public long Errors { get; init; }
    public long Trapped { get; init; }
    public long DeadlineExceeded { get; init; }
    public long Overloaded { get; init; }
    public List<double> LatencyBoundsMs { get; init; } = [];
    public List<long> LatencyCumulativeCounts { get; init; } = [];
    public double LatencySumMs { get; init; }
    public long SamplesRecorded { get; init; }
    public List<long> RecentLatencyMicros { get; init; } = [];
}
