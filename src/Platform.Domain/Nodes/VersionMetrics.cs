namespace Platform.Domain.Nodes;

/// <summary>
/// The latest cumulative counters one node reported for one service version (since that node started), with the
/// latency sketch of the same requests. Both versions of a service come in the same heartbeat, so any two reports
/// of a node cover the same interval for both. Kept per node so analysis can compare versions on the same traffic.
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
    /// <summary>Every latency the node recorded for the version since it started; null from nodes that send no sketch (before 2026-12).</summary>
    public LatencySketch? Latency { get; init; }
}
