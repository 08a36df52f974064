using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// Error rate, canary against stable: fails as soon as the canary's errors exceed its share of the requests beyond
/// chance (<see cref="EventShareTest"/> at <c>alpha</c>) and its rate exceeds stable's by more than the allowed
/// increase, however few requests it served; passes only with the minimum requests on both sides.
/// </summary>
internal static class ErrorRateCheck
{
    public static MetricVerdict Judge(VersionSample stable, VersionSample canary, AnalysisSpec spec, double alpha, string against = "stable")
    {
        var observed = $"canary {Rate(canary)} vs {against} {Rate(stable)}";
        var increase = canary.ErrorRate - stable.ErrorRate;
        var test = EventShareTest.Compare(canary.Errors, stable.Errors, canary.Requests, stable.Requests);
        var allowed = $"{spec.MaxErrorRateIncrease * 100:0.##} points allowed";
        var points = $"{increase * 100:+0.##;-0.##;0} points";
        var significant = test.CanaryWorse(alpha);
        if (significant && increase > spec.MaxErrorRateIncrease)
            return Verdict(AnalysisOutcome.Fail, $"{observed}, {points} ({allowed}, p = {test.PValue:0.####} < {alpha:0.####}).");
        if (canary.Requests < spec.MinRequests || stable.Requests < spec.MinRequests)
        {
            return Verdict(AnalysisOutcome.Inconclusive,
                $"too few requests to judge ({canary.Requests} canary, {stable.Requests} {against}; {spec.MinRequests} needed on each side): {observed}.");
        }
        var why = increase <= spec.MaxErrorRateIncrease ? allowed : $"not significant, p = {test.PValue:0.####} ≥ {alpha:0.####}";
        return Verdict(AnalysisOutcome.Pass, $"{observed}, {points} ({why}).");
    }

    private static string Rate(VersionSample sample) => $"{sample.ErrorRate * 100:0.##}% ({sample.Errors}/{sample.Requests})";

    private static MetricVerdict Verdict(AnalysisOutcome outcome, string detail) =>
        new(MetricVerdict.ErrorRate, outcome, $"Error rate: {detail}");
}
