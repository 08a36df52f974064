namespace Platform.Contracts.Rollouts;

/// <summary>
/// How an analysis judges canary against stable on the same live traffic; fields left out take the platform's
/// defaults. <paramref name="MaxErrorRateIncrease"/> is a fraction (0.01 = one percentage point);
/// <paramref name="MaxLatencyEffect"/> is a Cliff's delta (0.2 usual); <paramref name="Alpha"/> the chance of failing a
/// healthy canary over the whole rollout. A latency failure needs the <paramref name="LatencyQuantile"/> (0.5) of the
/// canary above stable's by more than <paramref name="MaxLatencyIncrease"/> (a fraction, 0.1) and
/// <paramref name="MaxLatencyIncreaseMs"/> (milliseconds, 0.5). Latencies of the first <paramref name="WarmupSeconds"/>
/// (default: a quarter of the analysis, at most 30 s) are not judged: both versions start cold; errors count from the start.
/// </summary>
public sealed record AnalysisSpecDto(
    int? DurationSeconds = null, int? MinRequests = null, int? MinLatencySamples = null,
    double? MaxErrorRateIncrease = null, double? Alpha = null, double? MaxLatencyEffect = null,
    double? LatencyQuantile = null, double? MaxLatencyIncrease = null, double? MaxLatencyIncreaseMs = null, int? WarmupSeconds = null);
