using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Nodes;

namespace Platform.Domain.Tests.Deployments;

public sealed class SampleWindowTests
{
    private static VersionMetrics Snapshot(long requests, long errors, long recorded, params long[] recent) => new()
    {
        Service = "shop",
        Version = "1.2.0",
        Requests = requests,
        Errors = errors,
        SamplesRecorded = recorded,
        RecentLatencyMicros = [.. recent],
    };

    public static TheoryData<string, VersionMetrics?, VersionMetrics, long, long, long[]> Cases => new()
    {
        { "first snapshot", null, Snapshot(10, 1, 3, 5, 6, 7), 10, 1, [5, 6, 7] },
        { "growth", Snapshot(10, 1, 3, 5, 6, 7), Snapshot(15, 3, 5, 5, 6, 7, 8, 9), 5, 2, [8, 9] },
        { "no traffic", Snapshot(10, 1, 3, 5, 6, 7), Snapshot(10, 1, 3, 5, 6, 7), 0, 0, [] },
        { "more recorded than kept", Snapshot(10, 1, 3, 1, 2, 3), Snapshot(900, 9, 893, 7, 8, 9), 890, 8, [7, 8, 9] },
        { "node restarted", Snapshot(500, 40, 500, 1, 2, 3), Snapshot(12, 2, 2, 4, 5), 12, 2, [4, 5] },
        { "errors reset only", Snapshot(500, 40, 500, 1), Snapshot(600, 3, 600, 4), 600, 3, [4] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Delta_TwoCumulativeSnapshots_WindowOnly(string scenario, VersionMetrics? older, VersionMetrics newer, long requests, long errors, long[] latencies)
    {
        var delta = SampleWindow.Delta(older, newer);
        Assert.True((requests, errors) == (delta.Requests, delta.Errors), scenario);
        Assert.Equal(latencies, delta.LatencyMicros);
    }

    [Fact]
    public void Total_SeveralNodes_SumsTheirDeltas()
    {
        var total = SampleWindow.Total([(Snapshot(10, 0, 1, 1), Snapshot(20, 1, 2, 1, 2)), (null, Snapshot(5, 5, 1, 3))]);
        Assert.Equal((15L, 6L), (total.Requests, total.Errors));
        Assert.Equal([2L, 3L], total.LatencyMicros);
        Assert.Equal(0.4, total.ErrorRate, 1e-12);
    }
}
