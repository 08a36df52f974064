using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

/// <summary>
/// Latency judged like for like (node by node, look by look): a fast and a slow node that give the canary and its baseline different shares of their
/// requests (an event consumer's partitions stick to the node that takes them) must not make a healthy canary look slower.
/// </summary>
public sealed class LikeForLikeLatencyTests
{
    private static readonly AnalysisSpec Spec = AnalysisSpec.Default with { MinRequests = 100, MinLatencySamples = 100 };

    private static VersionSample OnFastNode(int count, long shift = 0) => new(count, 0, Samples.Latencies(count, baseMicros: 1_000, spread: 500, shift: shift));

    private static VersionSample OnSlowNode(int count, long shift = 0) => new(count, 0, Samples.Latencies(count, baseMicros: 3_000, spread: 500, shift: shift));

    private static AnalysisVerdict Judge(params NodeWindow[] nodes) => CanaryJudge.Judge(AnalysisInput.Of(nodes), Spec);

    [Fact]
    public void Judge_HealthyCanaryServingMoreOnTheSlowNode_PassesWhereThePooledLatenciesFail()
    {
        // The same version on both sides: within each node alike; the canary has three quarters of the slow node's requests.
        NodeWindow fast = new(OnFastNode(300), OnFastNode(100), OnFastNode(300)), slow = new(OnSlowNode(100), OnSlowNode(300), OnSlowNode(100));
        var input = AnalysisInput.Of([fast, slow]);

        var pooled = CanaryJudge.Judge(input.Control, input.Canary, Spec);
        var nodeByNode = CanaryJudge.Judge(input, Spec);

        Assert.True(pooled[MetricVerdict.Latency]!.Outcome == AnalysisOutcome.Fail, pooled[MetricVerdict.Latency]!.Reason);
        Assert.Equal(AnalysisOutcome.Pass, nodeByNode.Outcome);
        Assert.Contains("like for like: 2 node intervals", nodeByNode[MetricVerdict.Latency]!.Reason);
        Assert.Contains("not significantly slower", nodeByNode[MetricVerdict.Latency]!.Reason);
    }

    [Fact]
    public void Judge_CanarySlowerOnEveryNode_FailsWhateverTheMix()
    {
        var verdict = Judge(new NodeWindow(OnFastNode(300), OnFastNode(100, shift: 1_000), OnFastNode(300)),
            new NodeWindow(OnSlowNode(100), OnSlowNode(300, shift: 1_000), OnSlowNode(100)));

        Assert.Equal(AnalysisOutcome.Fail, verdict[MetricVerdict.Latency]!.Outcome);
        Assert.StartsWith("Latency: canary is slower: median canary ", verdict[MetricVerdict.Latency]!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_CanarySlowerOnTheBusierNodeOnly_FailsOnThatNodesEvidence()
    {
        var verdict = Judge(new NodeWindow(OnFastNode(100), OnFastNode(100), OnFastNode(100)),
            new NodeWindow(OnSlowNode(300), OnSlowNode(300, shift: 2_000), OnSlowNode(300)));

        Assert.Equal(AnalysisOutcome.Fail, verdict[MetricVerdict.Latency]!.Outcome);
    }

    [Fact]
    public void Judge_NodesWithOneSideOnly_ComparedWithEachOther()
    {
        // A node where only the canary served (slow) and one where only the baseline did (fast): nothing else to compare with.
        var slowCanaryOnly = new NodeWindow(VersionSample.Empty, OnSlowNode(300), VersionSample.Empty);
        var fastBaselineOnly = new NodeWindow(OnFastNode(300), VersionSample.Empty, OnFastNode(300));
        var alike = new NodeWindow(OnFastNode(100), OnFastNode(100), OnFastNode(100));

        Assert.Equal(AnalysisOutcome.Fail, Judge(slowCanaryOnly, fastBaselineOnly)[MetricVerdict.Latency]!.Outcome);
        Assert.Equal(AnalysisOutcome.Fail, Judge(alike, slowCanaryOnly, fastBaselineOnly)[MetricVerdict.Latency]!.Outcome);
        // The canary-only node has no counterpart: the canary is judged where it can be, on the node that has both.
        Assert.Equal(AnalysisOutcome.Pass, Judge(alike, slowCanaryOnly)[MetricVerdict.Latency]!.Outcome);
    }

    [Fact]
    public void Comparison_OneStratum_IsThePlainTestOfTheTwoSamples()
    {
        VersionSample control = OnFastNode(180), canary = OnFastNode(200, shift: 100);
        var comparison = LatencyComparison.Of([new LatencyStratum(control.Latency, canary.Latency)], 0.5).Completed();
        var threshold = control.Latency.Plus(canary.Latency).QuantileIndex(0.5)!.Value;
        var plain = ProportionMixtureTest.Compare(canary.Latency.CountAbove(threshold), 200, control.Latency.CountAbove(threshold), 180);

        Assert.Equal(plain.Difference, comparison.Test().Difference, 12);
        Assert.Equal(plain.LikelihoodRatio, comparison.Test().LikelihoodRatio, 6);
        Assert.True(plain.LikelihoodRatio > 1);
        Assert.Equal(canary.Latency.Quantile(0.5)!.Value / 1000, comparison.CanaryMs, 9);
    }

    [Fact]
    public void Comparison_SlowFirstSecondsServedMostlyByTheCanary_AlikeLookByLook_PassesWhereTheWholeWindowFails()
    {
        // The first interval after loading is slow, and the baseline copy starts later than the canary in it; then both alike.
        (VersionSample Control, VersionSample Canary)[] looks =
            [(OnSlowNode(20), OnSlowNode(500)), (OnFastNode(100), OnFastNode(200)), (OnFastNode(100), OnFastNode(200))];
        var comparison = looks.Aggregate(LatencyComparison.Start(0.5), (c, look) => c.Add(new LatencyStratum(look.Control.Latency, look.Canary.Latency)));
        var control = VersionSample.Sum(looks.Select(l => l.Control));
        var input = new AnalysisInput(control, VersionSample.Sum(looks.Select(l => l.Canary)), control) { Latency = comparison };

        var wholeWindow = CanaryJudge.Judge(input.Control, input.Canary, Spec);
        var lookByLook = CanaryJudge.Judge(input, Spec);

        Assert.True(wholeWindow[MetricVerdict.Latency]!.Outcome == AnalysisOutcome.Fail, wholeWindow[MetricVerdict.Latency]!.Reason);
        Assert.True(lookByLook.Outcome == AnalysisOutcome.Pass, lookByLook[MetricVerdict.Latency]!.Reason);
        Assert.Contains("like for like: 3 node intervals", lookByLook[MetricVerdict.Latency]!.Reason);
    }

    [Fact]
    public void Judge_LookByLook_ASlowerLookAloneIsNoFailure_TwoInARowAre()
    {
        // Alike at the first look; at the second the canary is 2 ms slower on the node (a burst of queueing, or a slower version).
        var alike = LatencyComparison.Start(0.5).Add(new LatencyStratum(OnFastNode(100).Latency, OnFastNode(200).Latency)).Looked(LatencyComparison.Start(0.5));
        var slowerOnce = alike.Add(new LatencyStratum(OnFastNode(300).Latency, OnFastNode(600, shift: 2_000).Latency)).Looked(alike);
        var slowerTwice = slowerOnce.Add(new LatencyStratum(OnFastNode(300).Latency, OnFastNode(600, shift: 2_000).Latency)).Looked(slowerOnce);
        AnalysisVerdict Judge(LatencyComparison comparison) =>
            CanaryJudge.Judge(new AnalysisInput(OnFastNode(100), OnFastNode(100), OnFastNode(100)) { Latency = comparison }, Spec);

        var once = Judge(slowerOnce)[MetricVerdict.Latency]!;
        Assert.Equal(AnalysisOutcome.Inconclusive, once.Outcome);
        Assert.Contains("must hold at two looks in a row", once.Reason);
        Assert.Equal(AnalysisOutcome.Fail, Judge(slowerTwice)[MetricVerdict.Latency]!.Outcome);
        // The same slower look without looks (a whole window's sample) fails at once.
        Assert.Equal(AnalysisOutcome.Fail, Judge(slowerOnce with { ByLook = false })[MetricVerdict.Latency]!.Outcome);
        // Another pass over the same reports adds no look.
        Assert.Same(slowerOnce.PreviousLook, slowerOnce.Looked(slowerOnce).PreviousLook);
    }
}
