namespace Platform.Domain.Deployments.Strategy;

/// <summary>The <c>analysis</c> of a step document; a missing field takes the default analysis's value.</summary>
public sealed class AnalysisSpecDocument
{
    public int? DurationSeconds { get; set; }
    public int? MinRequests { get; set; }
    public int? MinLatencySamples { get; set; }
    public double? MaxErrorRateIncrease { get; set; }
    public double? Alpha { get; set; }
    public double? MaxLatencyEffect { get; set; }
    public double? LatencyQuantile { get; set; }
    public double? MaxLatencyIncrease { get; set; }
    public double? MaxLatencyIncreaseMs { get; set; }

    public static AnalysisSpecDocument From(AnalysisSpec spec) => new()
    {
        DurationSeconds = (int)spec.Duration.TotalSeconds,
        MinRequests = spec.MinRequests,
        MinLatencySamples = spec.MinLatencySamples,
        MaxErrorRateIncrease = spec.MaxErrorRateIncrease,
        Alpha = spec.Alpha,
        MaxLatencyEffect = spec.MaxLatencyEffect,
        LatencyQuantile = spec.LatencyQuantile,
        MaxLatencyIncrease = spec.MaxLatencyIncrease,
        MaxLatencyIncreaseMs = spec.MaxLatencyIncreaseMs,
    };
}
