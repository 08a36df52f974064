using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

/// <summary>Which side the canary is judged against: the baseline copy of stable where nodes run one, stable where they do not.</summary>
public sealed class BaselineAnalysisTests
{
    private static readonly AnalysisSpec Spec = AnalysisSpec.Default with { MinRequests = 200, MinLatencySamples = 100 };

    // A hot stable at 10–15 ms; a canary and a baseline started together, both 4 ms slower while cold.
    private static readonly VersionSample HotStable = Samples.Version(8_000, 8, 1_000);
    private static readonly VersionSample ColdBaseline = Samples.Version(1_000, 1, 500, shift: 4_000);
    private static readonly VersionSample ColdCanary = Samples.Version(1_000, 1, 500, shift: 4_000);

    [Fact]
    public void Judge_ColdCanaryWithColdBaseline_PassesWhereAgainstHotStableItFails()
    {
        var againstStable = CanaryJudge.Judge(new AnalysisInput(HotStable, ColdCanary), Spec);
        var againstBaseline = CanaryJudge.Judge(new AnalysisInput(HotStable, ColdCanary, ColdBaseline), Spec);

        Assert.Equal(AnalysisOutcome.Fail, againstStable[MetricVerdict.Latency]!.Outcome);
        Assert.Contains("vs stable", againstStable[MetricVerdict.Latency]!.Reason);
        Assert.Equal(AnalysisOutcome.Pass, againstBaseline.Outcome);
        Assert.Contains("vs baseline", againstBaseline[MetricVerdict.Latency]!.Reason);
        Assert.Contains("vs baseline", againstBaseline[MetricVerdict.ErrorRate]!.Reason);
    }

    [Fact]
    public void Judge_BrokenCanaryAgainstBaseline_StillFails()
    {
        var erroring = Samples.Version(1_000, 80, 500, shift: 4_000);
        var slower = Samples.Version(1_000, 1, 500, shift: 9_000);

        Assert.Equal(AnalysisOutcome.Fail, CanaryJudge.Judge(new AnalysisInput(HotStable, erroring, ColdBaseline), Spec)[MetricVerdict.ErrorRate]!.Outcome);
        Assert.Equal(AnalysisOutcome.Fail, CanaryJudge.Judge(new AnalysisInput(HotStable, slower, ColdBaseline), Spec)[MetricVerdict.Latency]!.Outcome);
    }

    [Fact]
    public void Of_NoNodeRunsABaseline_JudgesAgainstStableAsBefore()
    {
        var input = AnalysisInput.Of([new NodeWindow(HotStable, ColdCanary, null), new NodeWindow(HotStable, ColdCanary, null)]);

        Assert.Null(input.Baseline);
        Assert.Equal("stable", input.ControlName);
        Assert.Same(input.Stable, input.Control);
        Assert.Equal(16_000, input.Stable.Requests);
        // Two alike nodes: node by node, the verdict is the pooled one's.
        Assert.Equal(CanaryJudge.Judge(input.Stable, input.Canary, Spec).Outcome, CanaryJudge.Judge(input, Spec).Outcome);
        Assert.Contains("like for like: 2 node intervals", CanaryJudge.Judge(input, Spec)[MetricVerdict.Latency]!.Reason);
    }

    [Fact]
    public void Of_EveryNodeRunsABaseline_JudgesAgainstTheBaselinesAddedUp()
    {
        var input = AnalysisInput.Of([new NodeWindow(HotStable, ColdCanary, ColdBaseline), new NodeWindow(HotStable, ColdCanary, ColdBaseline)]);

        Assert.Equal("baseline", input.ControlName);
        Assert.Equal((2_000L, 2L, 1_000L), (input.Control.Requests, input.Control.Errors, input.Control.Latency.Count));
        Assert.Equal(16_000, input.Stable.Requests);
        Assert.Equal(2_000, input.Canary.Requests);
    }

    [Fact]
    public void Of_NodeOfAnOlderReleaseBesideANewOne_EachNodeContributesItsOwnControl()
    {
        // The older node has no baseline: it serves the baseline's share as stable, so its stable is its control.
        var olderStable = Samples.Version(900, 9, 300);
        var input = AnalysisInput.Of([new NodeWindow(HotStable, ColdCanary, ColdBaseline), new NodeWindow(olderStable, ColdCanary, null)]);

        Assert.Equal("baseline", input.ControlName);
        Assert.Equal((1_900L, 10L, 800L), (input.Control.Requests, input.Control.Errors, input.Control.Latency.Count));
        Assert.Equal(8_900, input.Stable.Requests);
    }
}
