using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

public sealed class RolloutStrategyTests
{
    private static readonly RolloutStrategy Regions = new([new SetWeightStep(10)],
    [
        new RingSpec("first", "region", ["eu-west"]),
        new RingSpec("second", "region", ["eu-central", "us-east"]),
        new RingSpec("last", "tier", ["edge"]),
    ]);

    [Theory]
    [InlineData("region=eu-west", 0)]
    [InlineData("region=us-east", 1)]
    [InlineData("region=eu-central,tier=edge", 1)]
    [InlineData("region=ap-south,tier=edge", 2)]
    [InlineData("region=ap-south", 2)]
    [InlineData("", 2)]
    public void RingOf_NodeLabels_FirstMatchingRingElseTheLast(string labels, int expected)
    {
        var map = labels.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(expected, Regions.RingOf(map));
    }

    [Fact]
    public void RingOf_NoRings_EveryNodeInTheSingleRing()
    {
        Assert.Equal(0, RolloutStrategy.Default.RingOf(new Dictionary<string, string> { ["region"] = "eu" }));
        Assert.Equal((1, RolloutStrategy.AllNodes), (RolloutStrategy.Default.RingCount, RolloutStrategy.Default.RingName(0)));
    }

    [Fact]
    public void Default_TenAnalysisFiftyAnalysisHundred()
    {
        Assert.Equal(
            ["set canary weight to 10%", "analyse canary against stable for 120 s", "set canary weight to 50%", "analyse canary against stable for 120 s", "set canary weight to 100%"],
            RolloutStrategy.Default.Steps.Select(s => s.Describe()));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void SetWeightStep_OutOfRange_Throws(int percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SetWeightStep(percent));
}
