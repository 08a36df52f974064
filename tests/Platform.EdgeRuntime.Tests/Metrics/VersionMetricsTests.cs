using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Metrics;

namespace Platform.EdgeRuntime.Tests.Metrics;

public sealed class VersionMetricsTests
{
    [Fact]
    public void Snapshot_MixedLatencies_HistogramIsCumulativeWithSumAndErrors()
    {
        var metrics = new VersionMetrics("svc", "1.0.0");

        metrics.Record(200, ExecutionOutcome.Completed, TimeSpan.FromMicroseconds(50));
        metrics.Record(200, ExecutionOutcome.Completed, TimeSpan.FromMicroseconds(300));
        metrics.Record(504, ExecutionOutcome.DeadlineExceeded, TimeSpan.FromMilliseconds(60));
        metrics.Record(200, ExecutionOutcome.Completed, TimeSpan.FromSeconds(9));
        var snapshot = metrics.Snapshot();

        Assert.Equal(4, snapshot.Requests);
        Assert.Equal(1, snapshot.Errors);
        Assert.Equal(1, snapshot.DeadlineExceeded);
        Assert.Equal([0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000], snapshot.Latency.BoundsMs);
        Assert.Equal([1L, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4], snapshot.Latency.CumulativeCounts);
        Assert.Equal(9060.35, snapshot.Latency.SumMs, precision: 6);
        Assert.Equal([50L, 300, 60_000, 9_000_000], snapshot.Samples.RecentMicros);
    }

    [Fact]
    public void Snapshot_MoreSamplesThanCapacity_KeepsTheNewestOldestFirst()
    {
        var metrics = new VersionMetrics("svc", "1.0.0");

        for (var i = 1; i <= VersionMetrics.SampleCapacity + 100; i++)
        {
            metrics.Record(200, ExecutionOutcome.Completed, TimeSpan.FromMicroseconds(i));
        }
        var samples = metrics.Snapshot().Samples;

        Assert.Equal(VersionMetrics.SampleCapacity + 100, samples.Recorded);
        Assert.Equal(VersionMetrics.SampleCapacity, samples.RecentMicros.Count);
        Assert.Equal(101, samples.RecentMicros[0]);
        Assert.Equal(VersionMetrics.SampleCapacity + 100, samples.RecentMicros[^1]);
    }

    [Fact]
    public void Format_OneVersion_PrometheusHistogramWithBucketsSumAndCount()
    {
        var metrics = new EdgeMetrics();
        metrics.Record("svc", "1.0.0", 200, ExecutionOutcome.Completed, TimeSpan.FromMicroseconds(200));
        metrics.Record("svc", "1.0.0", 500, ExecutionOutcome.Trapped, TimeSpan.FromMilliseconds(3));

        var text = PrometheusFormatter.Format(metrics.Snapshot());

        Assert.Contains("platform_edge_requests_total{service=\"svc\",version=\"1.0.0\"} 2\n", text);
        Assert.Contains("platform_edge_errors_total{service=\"svc\",version=\"1.0.0\"} 1\n", text);
        Assert.Contains("platform_edge_request_duration_seconds_bucket{service=\"svc\",version=\"1.0.0\",le=\"0.0001\"} 0\n", text);
        Assert.Contains("platform_edge_request_duration_seconds_bucket{service=\"svc\",version=\"1.0.0\",le=\"0.00025\"} 1\n", text);
        Assert.Contains("platform_edge_request_duration_seconds_bucket{service=\"svc\",version=\"1.0.0\",le=\"0.005\"} 2\n", text);
        Assert.Contains("platform_edge_request_duration_seconds_bucket{service=\"svc\",version=\"1.0.0\",le=\"+Inf\"} 2\n", text);
        Assert.Contains("platform_edge_request_duration_seconds_sum{service=\"svc\",version=\"1.0.0\"} 0.0032\n", text);
        Assert.Contains("platform_edge_request_duration_seconds_count{service=\"svc\",version=\"1.0.0\"} 2\n", text);
    }
}
