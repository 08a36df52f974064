using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Nodes;

namespace Platform.Domain.Tests.Deployments;

public sealed class SampleWindowTests
{
    // Latencies far enough apart (×2) to land in different buckets, so the window's buckets name them.
    private static VersionMetrics Snapshot(long requests, long errors, params long[] latencies) => new()
    {
        Service = "shop",
        Version = "1.2.0",
        Requests = requests,
        Errors = errors,
        Latency = LatencySketch.Of(latencies),
    };

    private static long[] Values(LatencySketch sketch) =>
        sketch.Indexes.Zip(sketch.Counts).SelectMany(b => Enumerable.Repeat(OneDigit(LatencySketch.ValueOf(b.First)), (int)b.Second)).ToArray();

    // A bucket's value is within 2% of its latencies: one significant digit recovers these.
    private static long OneDigit(double value)
    {
        var scale = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return (long)(Math.Round(value / scale) * scale);
    }

    public static TheoryData<string, VersionMetrics?, VersionMetrics, long, long, long[]> Cases => new()
    {
        { "first snapshot", null, Snapshot(10, 1, 5000, 10000, 20000), 10, 1, [5000, 10000, 20000] },
        { "growth", Snapshot(10, 1, 5000, 10000, 20000), Snapshot(15, 3, 5000, 10000, 20000, 40000, 80000), 5, 2, [40000, 80000] },
        { "no traffic", Snapshot(10, 1, 5000, 10000, 20000), Snapshot(10, 1, 5000, 10000, 20000), 0, 0, [] },
        { "same bucket again", Snapshot(10, 1, 5000), Snapshot(900, 9, 5000, 5000, 5000), 890, 8, [5000, 5000] },
        { "node restarted", Snapshot(500, 40, 5000, 10000, 20000), Snapshot(12, 2, 40000, 80000), 12, 2, [40000, 80000] },
        { "errors reset only", Snapshot(500, 40, 5000), Snapshot(600, 3, 5000, 10000), 600, 3, [5000, 10000] },
        { "a bucket emptied", Snapshot(500, 40, 5000, 10000), Snapshot(600, 41, 10000, 10000), 600, 41, [10000, 10000] },
        { "baseline without a sketch", Snapshot(500, 40) with { Latency = null }, Snapshot(600, 41, 5000, 10000), 100, 1, [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Delta_TwoCumulativeSnapshots_WindowOnly(string scenario, VersionMetrics? older, VersionMetrics newer, long requests, long errors, long[] latencies)
    {
        var delta = SampleWindow.Delta(older, newer);
        Assert.True((requests, errors) == (delta.Requests, delta.Errors), scenario);
        Assert.Equal(latencies, Values(delta.Latency));
    }

    [Fact]
    public void Delta_ReportWithoutSketch_CountsRequestsAndErrorsButNoLatencies()
    {
        var old = Snapshot(10, 1) with { Latency = null };
        var delta = SampleWindow.Delta(old, Snapshot(30, 2) with { Latency = null });
        Assert.Equal((20L, 1L, 0L), (delta.Requests, delta.Errors, delta.Latency.Count));
    }

    [Fact]
    public void Total_SeveralNodes_SumsTheirDeltas()
    {
        var total = SampleWindow.Total([(Snapshot(10, 0, 1000), Snapshot(20, 1, 1000, 2000)), (null, Snapshot(5, 5, 3000))]);
        Assert.Equal((15L, 6L), (total.Requests, total.Errors));
        Assert.Equal([2000L, 3000L], Values(total.Latency));
        Assert.Equal(0.4, total.ErrorRate, 1e-12);
    }
}
