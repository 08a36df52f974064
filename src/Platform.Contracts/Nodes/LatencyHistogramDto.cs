namespace Platform.Contracts.Nodes;

/// <summary>A cumulative latency histogram in the Prometheus sense.</summary>
/// <param name="BoundsMs">Upper bounds of the buckets in milliseconds, ascending; fixed by the node.</param>
/// <param name="CumulativeCounts">
/// One entry per bound plus a final +Inf entry: requests that took at most that long. The last entry
/// equals the number of requests observed.
/// </param>
/// <param name="SumMs">Sum of all observed latencies in milliseconds.</param>
public sealed record LatencyHistogramDto(
    IReadOnlyList<double> BoundsMs,
    IReadOnlyList<long> CumulativeCounts,
    double SumMs);
