using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Nodes;

namespace Platform.Domain.Deployments.Status;

/// <summary>What one version did in an analysis window, summed over the ring's nodes.</summary>
public sealed record WindowSummary(long Requests, long Errors, int LatencySamples, double? P50Ms, double? P95Ms)
{
    public static WindowSummary Of(VersionSample sample) => new(
        sample.Requests, sample.Errors, (int)Math.Min(int.MaxValue, sample.Latency.Count),
        LatencyStatistics.PercentileMs(sample.Latency, 0.5), LatencyStatistics.PercentileMs(sample.Latency, 0.95));
}
