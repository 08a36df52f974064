using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// Judges a canary against stable (or its baseline copy, see <see cref="AnalysisInput.Control"/>) on the same window
/// of live traffic, metric by metric: error rate and latency (like for like, <see cref="AnalysisInput.LatencyAt"/>),
/// each a sequential test (<see cref="EventShareTest"/>, valid at every look) with a practical margin. A failure
/// needs no minimum sample; a pass needs the minimum samples on both sides. The spec's alpha is for the whole
/// rollout: it is split evenly between its <paramref name="analyses"/> analysis runs and the two metrics.
/// </summary>
public static class CanaryJudge
{
    /// <param name="against">What <paramref name="stable"/> is, as the verdicts name it ("stable" or "baseline").</param>
    public static AnalysisVerdict Judge(VersionSample stable, VersionSample canary, AnalysisSpec spec, int analyses = 1, string against = "stable")
    {
        var alpha = AlphaPerTest(spec, analyses);
        return new([ErrorRateCheck.Judge(stable, canary, spec, alpha, against), LatencyCheck.Judge(stable, canary, spec, alpha, against)]);
    }

    /// <summary>The canary against the baseline when the window has one, else against stable.</summary>
    public static AnalysisVerdict Judge(AnalysisInput input, AnalysisSpec spec, int analyses = 1)
    {
        var alpha = AlphaPerTest(spec, analyses);
        return new([ErrorRateCheck.Judge(input.Control, input.Canary, spec, alpha, input.ControlName),
            LatencyCheck.Judge(input.LatencyAt(spec.LatencyQuantile), spec, alpha, input.ControlName)]);
    }

    /// <summary>The significance level of one metric's test in one analysis run (Bonferroni over the rollout).</summary>
    public static double AlphaPerTest(AnalysisSpec spec, int analyses) => spec.Alpha / (2 * Math.Max(1, analyses));

    /// <summary>How many analysis runs a rollout with this strategy makes: each analysis step on each ring.</summary>
    public static int AnalysesIn(RolloutStrategy strategy) => Math.Max(1, strategy.Steps.Count(s => s is AnalysisStep) * strategy.RingCount);
}
