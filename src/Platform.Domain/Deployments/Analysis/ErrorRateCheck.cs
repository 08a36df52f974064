using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// Error rate, canary against stable: fails when the canary's rate exceeds stable's by more than the allowed
/// increase and a one-sided two-proportion z-test (pooled) says the canary is worse at the spec's alpha.
/// </summary>
internal static class ErrorRateCheck
{
    public static MetricVerdict Judge(VersionSample stable, VersionSample canary, AnalysisSpec spec)
    {
        var observed = $"canary {Rate(canary)} vs stable {Rate(stable)}";
        if (canary.Requests < spec.MinRequests || stable.Requests < spec.MinRequests)
        {
            return Verdict(AnalysisOutcome.Inconclusive,
                $"too few requests to judge ({canary.Requests} canary, {stable.Requests} stable; {spec.MinRequests} needed on each side): {observed}.");
        }
        var increase = canary.ErrorRate - stable.ErrorRate;
        var p = PValueCanaryWorse(stable, canary);
        var allowed = $"{spec.MaxErrorRateIncrease * 100:0.##} points allowed";
        if (increase > spec.MaxErrorRateIncrease && p < spec.Alpha)
            return Verdict(AnalysisOutcome.Fail, $"{observed}, {increase * 100:+0.##;-0.##;0} points ({allowed}, p = {p:0.####} < {spec.Alpha}).");
        var why = increase > spec.MaxErrorRateIncrease ? $"not significant, p = {p:0.####} ≥ {spec.Alpha}" : allowed;
        return Verdict(AnalysisOutcome.Pass, $"{observed}, {increase * 100:+0.##;-0.##;0} points ({why}).");
    }

    /// <summary>One-sided p-value of "the canary's error rate is higher than stable's" (pooled two-proportion z-test).</summary>
    public static double PValueCanaryWorse(VersionSample stable, VersionSample canary)
    {
        double nc = canary.Requests, ns = stable.Requests;
        var pooled = (canary.Errors + stable.Errors) / (nc + ns);
        var standardError = Math.Sqrt(pooled * (1 - pooled) * (1 / nc + 1 / ns));
        if (standardError == 0) return canary.ErrorRate > stable.ErrorRate ? 0 : 1;
        return NormalDistribution.UpperTail((canary.ErrorRate - stable.ErrorRate) / standardError);
    }

    private static string Rate(VersionSample sample) => $"{sample.ErrorRate * 100:0.##}% ({sample.Errors}/{sample.Requests})";

    private static MetricVerdict Verdict(AnalysisOutcome outcome, string detail) =>
        new(MetricVerdict.ErrorRate, outcome, $"Error rate: {detail}");
}
