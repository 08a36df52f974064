using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

public sealed class CanaryJudgeTests
{
    private static readonly AnalysisSpec Spec = AnalysisSpec.Default with { MinRequests = 200, MinLatencySamples = 100 };

    [Theory]
    [InlineData(10_000, 10, 1_000, 80, AnalysisOutcome.Fail)]          // 0.1% vs 8%
    [InlineData(10_000, 10, 1_000, 15, AnalysisOutcome.Fail)]          // +1.4 points, significant
    [InlineData(10_000, 10, 1_000, 5, AnalysisOutcome.Pass)]           // +0.4 points: within the allowed increase
    [InlineData(10_000, 500, 1_000, 55, AnalysisOutcome.Pass)]         // 5% vs 5.5%: +0.5 points is within the allowance
    [InlineData(10_000, 0, 1_000, 0, AnalysisOutcome.Pass)]            // no errors at all
    [InlineData(200, 1, 200, 4, AnalysisOutcome.Pass)]                 // +1.5 points but p ≈ 0.09: not significant
    [InlineData(10_000, 10, 150, 100, AnalysisOutcome.Inconclusive)]   // too few canary requests, however bad
    [InlineData(100, 0, 1_000, 0, AnalysisOutcome.Inconclusive)]       // too few stable requests
    public void Judge_ErrorRates_Verdict(long stableRequests, long stableErrors, long canaryRequests, long canaryErrors, AnalysisOutcome expected)
    {
        var verdict = CanaryJudge.Judge(Samples.Version(stableRequests, stableErrors, 500), Samples.Version(canaryRequests, canaryErrors, 500), Spec);
        Assert.Equal(expected, verdict[MetricVerdict.ErrorRate]!.Outcome);
        Assert.Equal(expected, verdict.Outcome);
    }

    [Theory]
    [InlineData(0, 0.2, AnalysisOutcome.Pass)]          // same distribution
    [InlineData(-2_000, 0.2, AnalysisOutcome.Pass)]     // canary faster
    [InlineData(2_500, 0.2, AnalysisOutcome.Fail)]      // half the range slower: delta ≈ 0.75
    [InlineData(400, 0.2, AnalysisOutcome.Pass)]        // significant on 5 000 samples, but delta ≈ 0.16 is below 0.2
    [InlineData(400, 0.1, AnalysisOutcome.Fail)]        // the same slowdown against a stricter effect threshold
    [InlineData(40, 0.0, AnalysisOutcome.Pass)]         // delta ≈ 0.016 is not significant even with no effect threshold
    public void Judge_LatencyShift_FailsOnlyWhenSignificantAndLarge(long shiftMicros, double maxEffect, AnalysisOutcome expected)
    {
        var stable = new VersionSample(10_000, 0, Samples.Latencies(5_000));
        var canary = new VersionSample(10_000, 0, Samples.Latencies(5_000, shift: shiftMicros));
        var verdict = CanaryJudge.Judge(stable, canary, Spec with { MaxLatencyEffect = maxEffect });
        Assert.Equal(expected, verdict[MetricVerdict.Latency]!.Outcome);
        Assert.Equal(expected, verdict.Outcome);
    }

    [Theory]
    [InlineData(99, 1_000)]
    [InlineData(1_000, 99)]
    [InlineData(0, 0)]
    public void Judge_TooFewLatencySamples_Inconclusive(int stableSamples, int canarySamples)
    {
        var verdict = CanaryJudge.Judge(Samples.Version(10_000, 0, stableSamples), Samples.Version(10_000, 0, canarySamples, shift: 9_000), Spec);
        Assert.Equal((AnalysisOutcome.Pass, AnalysisOutcome.Inconclusive, AnalysisOutcome.Inconclusive),
            (verdict[MetricVerdict.ErrorRate]!.Outcome, verdict[MetricVerdict.Latency]!.Outcome, verdict.Outcome));
        Assert.Contains("too few samples", verdict.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("erroring", AnalysisOutcome.Fail, "Error rate: canary 8% (80/1000) vs stable 0.1% (10/10000)")]
    [InlineData("slow", AnalysisOutcome.Fail, "Latency: canary is slower: median canary 16.49 ms vs stable 12.495 ms")]
    [InlineData("sparse", AnalysisOutcome.Inconclusive, "too few requests to judge (20 canary, 10000 stable; 200 needed on each side)")]
    [InlineData("healthy", AnalysisOutcome.Pass, "not significantly slower")]
    public void Judge_Traffic_OutcomeWithReasonAPersonCanRead(string traffic, AnalysisOutcome expected, string reason)
    {
        var input = traffic switch
        {
            "erroring" => Samples.Erroring(),
            "slow" => Samples.Slow(),
            "sparse" => Samples.Sparse(),
            _ => Samples.Healthy(),
        };
        var verdict = CanaryJudge.Judge(input, Spec);
        Assert.Equal(expected, verdict.Outcome);
        Assert.Contains(reason, verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_SameInputTwice_EqualVerdicts() =>
        Assert.Equal(CanaryJudge.Judge(Samples.Slow(), Spec), CanaryJudge.Judge(Samples.Slow(), Spec));
}
