using Platform.Contracts.Rollouts;
using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Api.Features.Rollouts;

public static class RolloutMapping
{
    public static RolloutDto ToDto(this Rollout r, string service, IReadOnlyDictionary<Guid, string> versions)
    {
        var strategy = r.ParsedStrategy();
        var status = r.Status;
        var step = r.IsActive && status.Ring < strategy.RingCount && status.Step < strategy.Steps.Count ? strategy.Steps[status.Step] : null;
        return new RolloutDto(
            r.Id, service, versions[r.TargetVersionId], r.PreviousVersionId is { } p ? versions[p] : null,
            r.Phase.ToString().ToLowerInvariant(), r.Message, r.RequestedBy, r.CreatedAt, r.UpdatedAt, r.CompletedAt,
            r.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new RolloutEventDto(e.At, e.Kind, e.Message)).ToList(),
            r.Strategy, r.StrategySource, r.EmergencyReason,
            status.Ring, strategy.RingName(Math.Min(status.Ring, strategy.RingCount - 1)), status.Step, strategy.Steps.Count, step?.Describe(),
            status.Weights.Select((w, i) => new RingWeightDto(strategy.RingName(Math.Min(i, strategy.RingCount - 1)), w,
                r.IsActive ? TrafficSplit.Of(w, strategy.Steps.Any(s => s is AnalysisStep)).Baseline : 0)).ToList(),
            status.Hold is { } hold ? new RolloutHoldDto(hold.Reason, hold.Since) : null,
            status.LastAnalysis?.ToDto(),
            r.PauseRequested, r.PromoteRequested, r.AbortReason is not null,
            new CapabilityDiffDto(r.NewCapabilities.OutboundHosts, r.NewCapabilities.KeyValueStores, r.NewCapabilities.Variables,
                r.NewCapabilities.PublishTopics, r.NewCapabilities.ConsumeTopics),
            r.ApprovedBy, status.LostNodes, r.IsActive && r.AwaitsApproval, r.TraceId);
    }

    private static AnalysisDto ToDto(this AnalysisRecord a) => new(
        a.RingName, a.WindowStart, a.At, a.Verdict.Outcome.ToString().ToLowerInvariant(),
        a.Verdict.Metrics.Select(m => new MetricVerdictDto(m.Metric, m.Outcome.ToString().ToLowerInvariant(), m.Reason)).ToList(),
        a.Stable.ToDto(), a.Canary.ToDto(), a.Baseline?.ToDto(), a.Baseline is null ? "stable" : "baseline");

    private static WindowSummaryDto ToDto(this WindowSummary w) =>
        new(w.Requests, w.Errors, w.Requests == 0 ? 0 : (double)w.Errors / w.Requests, w.LatencySamples, w.P50Ms, w.P95Ms);
}
