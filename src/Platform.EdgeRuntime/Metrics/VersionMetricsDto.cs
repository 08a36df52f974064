namespace Platform.EdgeRuntime.Metrics;

/// <summary>Cumulative counters of one service version on this node since it started.</summary>
/// <param name="Errors">Responses with status 500 or above (component-chosen or produced by the node).</param>
/// <param name="LatencyBucketCounts">Cumulative counts per bound in <see cref="VersionMetrics.LatencyBoundsMs"/> (last = +Inf).</param>
public sealed record VersionMetricsDto(
    string Service,
    string Version,
    long Requests,
    long Errors,
    long Trapped,
    long DeadlineExceeded,
    double LatencySumMs,
    IReadOnlyList<long> LatencyBucketCounts);
