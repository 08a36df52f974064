using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// Judges a canary against stable on the same window of live traffic, metric by metric, as Kayenta does:
/// error rate (two-proportion test with an allowed increase) and latency distribution (Mann-Whitney U with
/// an effect-size threshold), each with a minimum sample size below which it is inconclusive.
/// </summary>
public static class CanaryJudge
{
    public static AnalysisVerdict Judge(VersionSample stable, VersionSample canary, AnalysisSpec spec) =>
        new([ErrorRateCheck.Judge(stable, canary, spec), LatencyCheck.Judge(stable, canary, spec)]);

    public static AnalysisVerdict Judge(AnalysisInput input, AnalysisSpec spec) => Judge(input.Stable, input.Canary, spec);
}
