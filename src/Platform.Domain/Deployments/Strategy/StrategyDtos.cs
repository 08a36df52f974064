using Platform.Contracts.Rollouts;

namespace Platform.Domain.Deployments.Strategy;

/// <summary>A parsed strategy back in its one outside shape (<see cref="RolloutStrategyParser"/> reads it again to the same strategy).</summary>
public static class StrategyDtos
{
    public static RolloutStrategyDto ToDto(this RolloutStrategy strategy) => new(
        strategy.Steps.Select(step => step switch
        {
            SetWeightStep w => new RolloutStepDto(SetWeight: w.Percent),
            PauseStep p => new RolloutStepDto(Pause: new PauseDto(p.Duration is { } d ? (int)d.TotalSeconds : null)),
            AnalysisStep a => new RolloutStepDto(Analysis: a.Spec.ToDto()),
            _ => throw new ArgumentException($"Unknown step {step.GetType().Name}.", nameof(strategy)),
        }).ToList(),
        strategy.Rings.Select(r => r.ToDto()).ToList(),
        strategy.OnNodeLoss == NodeLossPolicy.Pause ? "pause" : "continue");

    public static RingDto ToDto(this RingSpec ring) => new(ring.Name, ring.LabelKey, [.. ring.Values]);

    public static AnalysisSpecDto ToDto(this AnalysisSpec spec) => new(
        (int)spec.Duration.TotalSeconds, spec.MinRequests, spec.MinLatencySamples, spec.MaxErrorRateIncrease, spec.Alpha, spec.MaxLatencyEffect,
        spec.LatencyQuantile, spec.MaxLatencyIncrease, spec.MaxLatencyIncreaseMs, spec.Warmup is { } warmup ? (int)warmup.TotalSeconds : null);
}
