using System.Globalization;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// Latency, canary against stable, compared like for like (<see cref="LatencyComparison"/>: within each node and interval
/// between looks, weighted by their samples). Significance: the fraction of the canary's requests slower than their
/// stratum's pooled quantile against stable's fraction (<see cref="ProportionMixtureTest"/>, valid at every look).
/// Practical significance, over the strata mixed alike: the canary's quantile above stable's by more than the relative AND
/// the absolute margin, and Cliff's delta above the effect threshold. A failure needs all of them and no minimum sample;
/// gathered look by look, it must also hold at the previous look (latencies come in bursts: a few seconds of one node's
/// queueing can look like a slower version; a slower version stays slower). A pass needs the minimum samples on both
/// sides. One stratum is the plain comparison of two samples.
/// </summary>
internal static class LatencyCheck
{
    public static MetricVerdict Judge(VersionSample stable, VersionSample canary, AnalysisSpec spec, double alpha, string against = "stable") =>
        Judge(LatencyComparison.Of([new LatencyStratum(stable.Latency, canary.Latency)], spec.LatencyQuantile), spec, alpha, against);

    public static MetricVerdict Judge(LatencyComparison comparison, AnalysisSpec spec, double alpha, string against = "stable")
    {
        var compared = comparison.Completed();
        long nc = compared.CanaryCount, ns = compared.ControlCount;
        if (nc == 0 || ns == 0)
        {
            // Nothing to compare: one side has no latencies at all.
            long canaryAll = comparison.CanaryCount + comparison.UnmatchedCanary.Count, controlAll = comparison.ControlCount + comparison.UnmatchedControl.Count;
            var warming = comparison.WarmupCanaryCount + comparison.WarmupControlCount > 0
                ? $"; {comparison.WarmupCanaryCount} and {comparison.WarmupControlCount} in the warm-up, not judged"
                : "";
            return Verdict(AnalysisOutcome.Inconclusive,
                $"too few samples to judge ({canaryAll} canary, {controlAll} {against}; {spec.MinLatencySamples} needed on each side{warming}).");
        }

        var reading = Read(compared, spec, alpha, against);
        var margins = $"{spec.MaxLatencyIncrease * 100:0.#}% and {spec.MaxLatencyIncreaseMs:0.###} ms";
        if (reading.Fails)
        {
            if (!comparison.ByLook || comparison.PreviousLook is { } previous && Read(previous.Completed(), spec, alpha, against).Fails)
                return Verdict(AnalysisOutcome.Fail, $"canary is slower: {reading.Observed}; above both margins ({margins}), delta above {spec.MaxLatencyEffect} and p below {alpha:0.####}.");
            return Verdict(AnalysisOutcome.Inconclusive, $"canary is slower at this look: {reading.Observed}; a latency failure must hold at two looks in a row.");
        }
        if (nc < spec.MinLatencySamples || ns < spec.MinLatencySamples)
            return Verdict(AnalysisOutcome.Inconclusive, $"too few samples to judge ({nc} canary, {ns} {against}; {spec.MinLatencySamples} needed on each side): {reading.Observed}.");
        var why = !reading.Significant ? $"not significantly slower at alpha {alpha:0.####}"
            : !reading.BeyondMargins ? $"slower but within the margins ({margins})"
            : $"slower but within the effect threshold {spec.MaxLatencyEffect}";
        return Verdict(AnalysisOutcome.Pass, $"{reading.Observed}; {why}.");
    }

    /// <summary>What a completed comparison shows, and which of the failure's conditions hold.</summary>
    private sealed record Reading(string Observed, bool Significant, bool BeyondMargins, bool Large)
    {
        public bool Fails => Significant && BeyondMargins && Large;
    }

    private static Reading Read(LatencyComparison compared, AnalysisSpec spec, double alpha, string against)
    {
        if (compared.Weight <= 0) return new Reading("", false, false, false);
        var name = Name(compared.Quantile);
        var test = compared.Test();
        double canaryMs = compared.CanaryMs, stableMs = compared.ControlMs;
        var increaseMs = canaryMs - stableMs;
        var relative = canaryMs / stableMs - 1;
        var superiority = compared.Superiority;
        var delta = 2 * superiority - 1;
        var like = compared.Strata == 1 ? "" : $" (like for like: {compared.Strata} node intervals, weighted by their samples)";
        var threshold = compared.ThresholdMicros is { } micros ? $"{micros / 1000:0.###} ms" : $"their interval's pooled {name}";
        var observed = $"{name} canary {canaryMs:0.###} ms vs {against} {stableMs:0.###} ms{like} ({increaseMs:+0.###;-0.###;0} ms, {relative * 100:+0;-0;0}%), "
            + $"canary slower in {superiority * 100:0}% of pairs (Cliff's delta {delta:0.###}); "
            + $"{Percent(compared.CanaryAbove)} of canary requests above {threshold} against {Percent(compared.ControlAbove)} of {against}'s (p = {test.PValue:0.####})";
        return new Reading(observed, test.CanaryWorse(alpha), relative > spec.MaxLatencyIncrease && increaseMs > spec.MaxLatencyIncreaseMs, delta > spec.MaxLatencyEffect);
    }

    private static string Name(double q) => q == 0.5 ? "median" : "p" + (q * 100).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => $"{100.0 * fraction:0}%";

    private static MetricVerdict Verdict(AnalysisOutcome outcome, string detail) =>
        new(MetricVerdict.Latency, outcome, $"Latency: {detail}");
}
