using System.Diagnostics.Metrics;
using Platform.Domain.Deployments;

namespace Platform.Deployer.Rollouts;

/// <summary>
/// The Deployer's rollout meter ("Platform.Rollouts"): rollouts that ended, by outcome, and how long they took.
/// Scraped as <c>platform_rollouts_completed_total{outcome}</c> and <c>platform_rollout_duration_seconds</c>.
/// Labelled by outcome only: a label per service would grow with the fleet.
/// </summary>
public sealed class RolloutMetrics
{
    public const string MeterName = "Platform.Rollouts";

    private readonly Counter<long> _completed;
    private readonly Histogram<double> _duration;

    public RolloutMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _completed = meter.CreateCounter<long>("platform.rollouts.completed", unit: "{rollout}",
            description: "Rollouts that ended: succeeded, failed (rolled back by the analysis, a node or a timeout) or aborted.");
        _duration = meter.CreateHistogram<double>("platform.rollout.duration", unit: "s",
            description: "From a rollout's request to its end.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200] });
    }

    /// <summary>Counts a rollout that has just ended (call once, after its end was saved).</summary>
    public void Ended(Rollout rollout)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", rollout.Phase.ToString().ToLowerInvariant());
        _completed.Add(1, outcome);
        if (rollout.CompletedAt is { } completed)
        {
            _duration.Record(Math.Max(0, (completed - rollout.CreatedAt).TotalSeconds), outcome);
        }
    }
}
