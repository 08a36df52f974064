using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

/// <summary>
/// The baseline copy of stable: given the canary's weight out of stable's share (at most half of it), only while an
/// analysed canary takes traffic.
/// </summary>
public sealed class BaselineSplitTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(20, true, 60, 20, 20)]    // the example
    [InlineData(10, true, 80, 10, 10)]
    [InlineData(33, true, 34, 33, 33)]    // the largest canary beside a baseline of its own size
    [InlineData(40, true, 30, 40, 30)]    // beyond it the baseline gets half of what stable has left
    [InlineData(50, true, 25, 50, 25)]
    [InlineData(80, true, 10, 80, 10)]
    [InlineData(99, true, 1, 99, 0)]      // 1% left for stable: no room for a baseline
    [InlineData(0, true, 100, 0, 0)]      // a weight-0 step: no baseline
    [InlineData(100, true, 0, 100, 0)]    // the canary has everything: no baseline
    [InlineData(20, false, 80, 20, 0)]    // a strategy without analysis compares nothing
    [InlineData(150, true, 0, 100, 0)]    // out of range is clamped
    public void Of_CanaryWeight_SplitsStableCanaryAndBaseline(int canary, bool withBaseline, int stable, int expectedCanary, int baseline)
    {
        var split = TrafficSplit.Of(canary, withBaseline);

        Assert.Equal(new TrafficSplit(stable, expectedCanary, baseline), split);
        Assert.Equal(100, split.Stable + split.Canary + split.Baseline);
        Assert.Equal(baseline > 0, split.HasBaseline);
    }

    [Fact]
    public void SplitOn_AnalysedRollout_PlacesABaselineOnlyWhereTheCanaryTakesTraffic()
    {
        var strategy = RolloutStrategy.Default with { Rings = [new RingSpec("eu", "region", ["eu-west"]), new RingSpec("us", "region", ["us-east"])] };
        var deployment = new ServiceDeployment { StableVersionId = Guid.NewGuid() };
        deployment.SplitWith(Guid.NewGuid(), strategy, [20, 0], Now);

        Assert.Equal(new TrafficSplit(60, 20, 20), deployment.SplitOn(Region("eu-west")));
        Assert.Equal(new TrafficSplit(100, 0, 0), deployment.SplitOn(Region("us-east")));
        Assert.Equal(20, deployment.CanaryWeightOn(Region("eu-west")));
    }

    [Fact]
    public void SplitOn_StrategyWithoutAnalysis_PlacesNoBaseline()
    {
        var strategy = new RolloutStrategy([new SetWeightStep(20), new PauseStep(null), new SetWeightStep(100)], []);
        var deployment = new ServiceDeployment { StableVersionId = Guid.NewGuid() };
        deployment.SplitWith(Guid.NewGuid(), strategy, [20], Now);

        Assert.Equal(new TrafficSplit(80, 20, 0), deployment.SplitOn(Region("eu-west")));
    }

    [Fact]
    public void SplitOn_RolloutEnded_RemovesTheBaseline()
    {
        var deployment = new ServiceDeployment { StableVersionId = Guid.NewGuid() };
        deployment.SplitWith(Guid.NewGuid(), RolloutStrategy.Default, [10], Now);
        Assert.True(deployment.SplitOn(Region("eu-west")).HasBaseline);

        deployment.ServeOnly(Guid.NewGuid(), Now);

        Assert.Equal(TrafficSplit.StableOnly, deployment.SplitOn(Region("eu-west")));
        Assert.False(deployment.WithBaseline);
    }

    private static Dictionary<string, string> Region(string region) => new() { ["region"] = region };
}
