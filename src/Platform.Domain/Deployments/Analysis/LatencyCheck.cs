using Platform.Domain.Deployments.Strategy;
using Platform.Domain.Nodes;

namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// Latency distribution, canary against stable: a one-sided Mann-Whitney U test ("canary is slower") plus
/// Cliff's delta as effect size. Fails only when the canary is slower, significantly (p &lt; alpha) and
/// meaningfully (delta above the threshold), so a tiny difference on huge samples does not fail.
/// </summary>
internal static class LatencyCheck
{
    public static MetricVerdict Judge(VersionSample stable, VersionSample canary, AnalysisSpec spec)
    {
        int nc = canary.LatencyMicros.Count, ns = stable.LatencyMicros.Count;
        if (nc < spec.MinLatencySamples || ns < spec.MinLatencySamples)
        {
            return Verdict(AnalysisOutcome.Inconclusive,
                $"too few samples to judge ({nc} canary, {ns} stable; {spec.MinLatencySamples} needed on each side).");
        }
        var test = MannWhitneyTest.Compare(canary.LatencyMicros, stable.LatencyMicros);
        var canaryMedian = LatencyStatistics.PercentileMs(canary.LatencyMicros, 0.5)!.Value;
        var stableMedian = LatencyStatistics.PercentileMs(stable.LatencyMicros, 0.5)!.Value;
        var observed = $"median canary {canaryMedian:0.###} ms vs stable {stableMedian:0.###} ms, "
            + $"canary slower in {test.ProbabilityOfSuperiority * 100:0}% of pairs (Cliff's delta {test.CliffsDelta:0.###}, p = {test.PGreater:0.####})";
        var significant = test.PGreater < spec.Alpha;
        var large = test.CliffsDelta > spec.MaxLatencyEffect;
        if (significant && large)
            return Verdict(AnalysisOutcome.Fail, $"canary is slower: {observed}; delta above {spec.MaxLatencyEffect} and p below {spec.Alpha}.");
        var why = !significant ? $"not significantly slower at alpha {spec.Alpha}" : $"slower but within the effect threshold {spec.MaxLatencyEffect}";
        return Verdict(AnalysisOutcome.Pass, $"{observed}; {why}.");
    }

    private static MetricVerdict Verdict(AnalysisOutcome outcome, string detail) =>
        new(MetricVerdict.Latency, outcome, $"Latency: {detail}");
}
