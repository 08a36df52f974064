using Platform.Domain.Nodes;

namespace Platform.Domain.Tests;

public sealed class LatencySketchTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50)]
    [InlineData(1_234)]
    [InlineData(250_000)]
    [InlineData(60_000_000)]
    public void ValueOf_IndexOf_WithinTwoPercent(long micros) =>
        Assert.InRange(LatencySketch.ValueOf(LatencySketch.IndexOf(micros)) / micros, 1 - LatencySketch.RelativeAccuracy - 1e-9, 1 + LatencySketch.RelativeAccuracy + 1e-9);

    [Theory]
    [InlineData(0.5, 2_000)]
    [InlineData(0.99, 4_000)]
    [InlineData(0.25, 1_000)]
    public void Quantile_NearestRank_WithinTwoPercent(double q, double expectedMicros)
    {
        var sketch = LatencySketch.Of([4_000, 1_000, 3_000, 2_000]);
        Assert.InRange(sketch.Quantile(q)!.Value / expectedMicros, 0.98, 1.02);
        Assert.InRange(LatencyStatistics.PercentileMs(sketch, q)!.Value / (expectedMicros / 1000), 0.98, 1.02);
    }

    [Fact]
    public void Empty_NoQuantile() => Assert.Null(LatencySketch.Empty.Quantile(0.5));

    [Fact]
    public void Plus_Minus_AddUpAndSubtractBucketByBucket()
    {
        var older = LatencySketch.Of([100, 100, 5_000]);
        var interval = LatencySketch.Of([100, 9_000, 9_000]);
        var newer = older.Plus(interval);

        Assert.Equal(6, newer.Count);
        var delta = newer.Minus(older)!;
        Assert.Equal(interval.Indexes, delta.Indexes);
        Assert.Equal(interval.Counts, delta.Counts);
        Assert.Null(older.Minus(newer));                              // fewer than before: the node restarted
        Assert.Null(LatencySketch.Of([9_000]).Minus(LatencySketch.Of([100])));
        Assert.Equal(0, newer.Minus(newer)!.Count);
    }

    [Fact]
    public void ProbabilityOfSuperiority_PairsBucketByBucketTiesHalf()
    {
        var slow = LatencySketch.Of([2_000, 2_000]);
        var fast = LatencySketch.Of([1_000, 2_000]);
        Assert.Equal(0.75, slow.ProbabilityOfSuperiority(fast), 12);
        Assert.Equal(0.25, fast.ProbabilityOfSuperiority(slow), 12);
        Assert.Equal(0.5, slow.ProbabilityOfSuperiority(LatencySketch.Empty));
    }

    [Theory]
    [InlineData(new[] { 1, 2 }, new long[] { 1, 1 }, true)]
    [InlineData(new[] { 2, 1 }, new long[] { 1, 1 }, false)]
    [InlineData(new[] { 1, 1 }, new long[] { 1, 1 }, false)]
    [InlineData(new[] { 1 }, new long[] { 0 }, false)]
    [InlineData(new[] { -1 }, new long[] { 1 }, false)]
    [InlineData(new[] { 601 }, new long[] { 1 }, false)]
    [InlineData(new[] { 1 }, new long[] { 1, 2 }, false)]
    public void IsValid_OrderRangeAndCounts(int[] indexes, long[] counts, bool valid) =>
        Assert.Equal(valid, new LatencySketch { Indexes = indexes, Counts = counts }.IsValid());
}
