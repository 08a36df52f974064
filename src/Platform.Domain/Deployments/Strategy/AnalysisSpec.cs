namespace Platform.Domain.Deployments.Strategy;

/// <summary>How an <see cref="AnalysisStep"/> gathers and judges canary against stable.</summary>
/// <param name="Duration">How long the step gathers traffic before it may pass (a failure ends it as soon as it is clear).</param>
/// <param name="MinRequests">Requests each side needs before the error rate may pass (a failure needs no minimum).</param>
/// <param name="MinLatencySamples">Latencies each side needs before the latency may pass (a failure needs no minimum).</param>
/// <param name="MaxErrorRateIncrease">
/// Allowed absolute increase of the canary's error rate over stable's (0.01 = one percentage point).
/// </param>
/// <param name="Alpha">
/// The chance of failing a canary that is as good as stable over the whole rollout: it is shared out between the
/// rollout's analysis steps (on every ring) and their two metrics, and each is a sequential test, valid however
/// often it is looked at.
/// </param>
/// <param name="MaxLatencyEffect">
/// Largest tolerated Cliff's delta of canary over stable latency (−1..1; 0 = no difference,
/// 0.2 ≈ a random canary request is slower than a random stable one 60% of the time).
/// </param>
/// <param name="LatencyQuantile">The latency quantile canary and stable are compared on (0.5 = median, 0.99 = tail).</param>
/// <param name="MaxLatencyIncrease">Tolerated relative increase of that quantile (0.1 = canary 10% slower).</param>
/// <param name="MaxLatencyIncreaseMs">Tolerated absolute increase of that quantile in milliseconds.</param>
/// <param name="Warmup">
/// How long after the analysis begins latencies start to count (null: <see cref="EffectiveWarmup"/>'s default): a canary
/// and its baseline copy both start cold, and not at the same moment on every node, so their first seconds say more about
/// loading than about the versions. Errors count from the start.
/// </param>
/// <remarks>
/// A latency failure needs all of: a significant sequential test, the quantile beyond both margins, and the effect
/// beyond <paramref name="MaxLatencyEffect"/>; so microseconds no user notices do not fail a fast service, and
/// 1 ms more on a sub-millisecond service does.
/// </remarks>
public sealed record AnalysisSpec(
    TimeSpan Duration,
    int MinRequests,
    int MinLatencySamples,
    double MaxErrorRateIncrease,
    double Alpha,
    double MaxLatencyEffect,
    double LatencyQuantile = AnalysisSpec.DefaultLatencyQuantile,
    double MaxLatencyIncrease = AnalysisSpec.DefaultMaxLatencyIncrease,
    double MaxLatencyIncreaseMs = AnalysisSpec.DefaultMaxLatencyIncreaseMs,
    TimeSpan? Warmup = null)
{
    /// <summary>The longest default warm-up.</summary>
    public static TimeSpan MaxDefaultWarmup { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The warm-up set, or a quarter of the analysis, at most <see cref="MaxDefaultWarmup"/>.</summary>
    public TimeSpan EffectiveWarmup => Warmup ?? TimeSpan.FromTicks(Math.Min(Duration.Ticks / 4, MaxDefaultWarmup.Ticks));

    public const double DefaultLatencyQuantile = 0.5;
    public const double DefaultMaxLatencyIncrease = 0.1;
    public const double DefaultMaxLatencyIncreaseMs = 0.5;

    /// <summary>The platform's analysis when neither admins nor the service say otherwise.</summary>
    public static AnalysisSpec Default { get; } = new(TimeSpan.FromMinutes(2), 200, 100, 0.01, 0.05, 0.2);

    /// <summary>Limits the parser enforces.</summary>
    public static TimeSpan MaxDuration { get; } = TimeSpan.FromDays(1);

    /// <summary>Fewer latencies than this say too little about a distribution for a pass.</summary>
    public const int FewestLatencySamples = 8;

    /// <summary>The largest absolute latency margin the parser accepts (one minute).</summary>
    public const double MaxLatencyIncreaseMsLimit = 60_000;
}
