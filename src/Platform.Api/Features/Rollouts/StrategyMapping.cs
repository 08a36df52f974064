using Platform.Contracts.Rollouts;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Api.Features.Rollouts;

/// <summary>Between the wire shape of a strategy and the document the domain parses.</summary>
public static class StrategyMapping
{
    public static RolloutStrategyDocument ToDocument(this RolloutStrategyDto dto) => new()
    {
        Steps = dto.Steps?.Select(s => s is null ? null! : new RolloutStepDocument
        {
            SetWeight = s.SetWeight,
            Pause = s.Pause is null ? null : new PauseDocument { DurationSeconds = s.Pause.DurationSeconds },
            Analysis = s.Analysis is not { } a ? null : new AnalysisSpecDocument
            {
                DurationSeconds = a.DurationSeconds, MinRequests = a.MinRequests, MinLatencySamples = a.MinLatencySamples,
                MaxErrorRateIncrease = a.MaxErrorRateIncrease, Alpha = a.Alpha, MaxLatencyEffect = a.MaxLatencyEffect,
                LatencyQuantile = a.LatencyQuantile, MaxLatencyIncrease = a.MaxLatencyIncrease, MaxLatencyIncreaseMs = a.MaxLatencyIncreaseMs,
            },
        }).ToList(),
        Rings = dto.Rings?.Select(r => r is null ? null! : new RingDocument { Name = r.Name, LabelKey = r.LabelKey, Values = r.Values?.ToList() }).ToList(),
        OnNodeLoss = dto.OnNodeLoss,
    };

    public static RolloutStrategyDto ToDto(this RolloutStrategyDocument document) => new(
        document.Steps?.Select(s => new RolloutStepDto(
            s.SetWeight,
            s.Pause is null ? null : new PauseDto(s.Pause.DurationSeconds),
            s.Analysis is not { } a ? null : new AnalysisSpecDto(a.DurationSeconds, a.MinRequests, a.MinLatencySamples, a.MaxErrorRateIncrease, a.Alpha, a.MaxLatencyEffect,
                a.LatencyQuantile, a.MaxLatencyIncrease, a.MaxLatencyIncreaseMs)))
            .ToList() ?? [],
        document.Rings?.Select(r => new RingDto(r.Name, r.LabelKey, r.Values)).ToList() ?? [],
        document.OnNodeLoss ?? "continue");
}
