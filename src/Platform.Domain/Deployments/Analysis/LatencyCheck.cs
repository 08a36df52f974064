using System.Globalization;
using Platform.Domain.Deployments.Strategy;
using Platform.Domain.Nodes;

namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// Latency, canary against stable, on the sketches of the same interval. Significance: the fraction of the canary's
/// requests slower than the pooled quantile against stable's fraction (<see cref="ProportionMixtureTest"/>, valid at
/// every look). Practical significance: the canary's quantile above stable's by more than the relative AND the
/// absolute margin, and Cliff's delta above the effect threshold. A failure needs all of them and no minimum sample;
/// a pass needs the minimum samples on both sides.
/// </summary>
internal static class LatencyCheck
{
    public static MetricVerdict Judge(VersionSample stable, VersionSample canary, AnalysisSpec spec, double alpha, string against = "stable")
    {
        long nc = canary.Latency.Count, ns = stable.Latency.Count;
        if (nc == 0 || ns == 0)
            return Verdict(AnalysisOutcome.Inconclusive, $"too few samples to judge ({nc} canary, {ns} {against}; {spec.MinLatencySamples} needed on each side).");

        var q = spec.LatencyQuantile;
        var threshold = stable.Latency.Plus(canary.Latency).QuantileIndex(q)!.Value;
        long slowCanary = canary.Latency.CountAbove(threshold), slowStable = stable.Latency.CountAbove(threshold);
        var test = ProportionMixtureTest.Compare(slowCanary, nc, slowStable, ns);
        double canaryMs = canary.Latency.Quantile(q)!.Value / 1000, stableMs = stable.Latency.Quantile(q)!.Value / 1000;
        var increaseMs = canaryMs - stableMs;
        var relative = canaryMs / stableMs - 1;
        var superiority = canary.Latency.ProbabilityOfSuperiority(stable.Latency);
        var delta = 2 * superiority - 1;
        var name = Name(q);
        var observed = $"{name} canary {canaryMs:0.###} ms vs {against} {stableMs:0.###} ms ({increaseMs:+0.###;-0.###;0} ms, {relative * 100:+0;-0;0}%), "
            + $"canary slower in {superiority * 100:0}% of pairs (Cliff's delta {delta:0.###}); "
            + $"{Percent(slowCanary, nc)} of canary requests above {LatencySketch.ValueOf(threshold) / 1000:0.###} ms against {Percent(slowStable, ns)} of {against}'s (p = {test.PValue:0.####})";
        var significant = test.CanaryWorse(alpha);
        var margins = $"{spec.MaxLatencyIncrease * 100:0.#}% and {spec.MaxLatencyIncreaseMs:0.###} ms";
        var beyondMargins = relative > spec.MaxLatencyIncrease && increaseMs > spec.MaxLatencyIncreaseMs;
        var large = delta > spec.MaxLatencyEffect;
        if (significant && beyondMargins && large)
            return Verdict(AnalysisOutcome.Fail, $"canary is slower: {observed}; above both margins ({margins}), delta above {spec.MaxLatencyEffect} and p below {alpha:0.####}.");
        if (nc < spec.MinLatencySamples || ns < spec.MinLatencySamples)
            return Verdict(AnalysisOutcome.Inconclusive, $"too few samples to judge ({nc} canary, {ns} {against}; {spec.MinLatencySamples} needed on each side): {observed}.");
        var why = !significant ? $"not significantly slower at alpha {alpha:0.####}"
            : !beyondMargins ? $"slower but within the margins ({margins})"
            : $"slower but within the effect threshold {spec.MaxLatencyEffect}";
        return Verdict(AnalysisOutcome.Pass, $"{observed}; {why}.");
    }

    private static string Name(double q) => q == 0.5 ? "median" : "p" + (q * 100).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Percent(long part, long whole) => $"{100.0 * part / whole:0}%";

    private static MetricVerdict Verdict(AnalysisOutcome outcome, string detail) =>
        new(MetricVerdict.Latency, outcome, $"Latency: {detail}");
}
