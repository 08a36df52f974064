using Platform.Domain.Nodes;

namespace Platform.Domain.Tests;

public sealed class LatencyStatisticsTests
{
    [Theory]
    [InlineData(new long[] { 1000, 2000, 3000, 4000 }, 0.5, 2.0)]
    [InlineData(new long[] { 4000, 1000, 3000, 2000 }, 0.5, 2.0)]
    [InlineData(new long[] { 1000, 2000, 3000, 4000 }, 0.99, 4.0)]
    [InlineData(new long[] { 1500 }, 0.9, 1.5)]
    public void PercentileMs_Samples_NearestRank(long[] micros, double q, double expectedMs) =>
        Assert.Equal(expectedMs, LatencyStatistics.PercentileMs(micros, q));

    [Fact]
    public void PercentileMs_NoSamples_Null() => Assert.Null(LatencyStatistics.PercentileMs([], 0.5));
}
