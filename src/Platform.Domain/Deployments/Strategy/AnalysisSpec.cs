namespace Platform.Domain.Deployments.Strategy;

/// <summary>How an <see cref="AnalysisStep"/> gathers and judges canary against stable.</summary>
/// <param name="Duration">How long the step gathers traffic before its verdict (a clear failure may end it sooner).</param>
/// <param name="MinRequests">Requests each side needs before the error rate can be judged.</param>
/// <param name="MinLatencySamples">Raw latency samples each side needs before the latency test can be judged.</param>
/// <param name="MaxErrorRateIncrease">
/// Allowed absolute increase of the canary's error rate over stable's (0.01 = one percentage point).
/// </param>
/// <param name="Alpha">Significance level of both tests (the chance of failing a canary that is as good as stable).</param>
/// <param name="MaxLatencyEffect">
/// Largest tolerated Cliff's delta of canary over stable latency (−1..1; 0 = no difference,
/// 0.2 ≈ a random canary request is slower than a random stable one 60% of the time).
/// A slowdown fails only when it is both significant and larger than this.
/// </param>
public sealed record AnalysisSpec(
    TimeSpan Duration,
    int MinRequests,
    int MinLatencySamples,
    double MaxErrorRateIncrease,
    double Alpha,
    double MaxLatencyEffect)
{
    /// <summary>The platform's analysis when neither admins nor the service say otherwise.</summary>
    public static AnalysisSpec Default { get; } = new(TimeSpan.FromMinutes(2), 200, 100, 0.01, 0.05, 0.2);

    /// <summary>Limits the parser enforces.</summary>
    public static TimeSpan MaxDuration { get; } = TimeSpan.FromDays(1);

    /// <summary>Fewer latency samples make the normal approximation of the Mann-Whitney test unreliable.</summary>
    public const int FewestLatencySamples = 8;
}
