using Platform.Contracts.Nodes;
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
        // Every latency is in the sketch, in a bucket whose value is within 2% of it.
        Assert.Equal([1L, 1, 1, 1], snapshot.Sketch!.Counts);
        Assert.Equal(LatencySketchDto.StandardGamma, snapshot.Sketch.Gamma);
        Assert.All(snapshot.Sketch.Indexes.Zip([50.0, 300, 60_000, 9_000_000]), b => Assert.InRange(ValueOf(b.First) / b.Second, 0.98, 1.02));
    }

    private static double ValueOf(int index) => 2 * Math.Pow(LatencySketchDto.StandardGamma, index) / (LatencySketchDto.StandardGamma + 1);

    [Fact]
    public void Snapshot_ManyLatencies_SketchKeepsEveryOneWithinTwoPercent()
    {
        // The ring buffer kept the newest 512: a version with more traffic covered a shorter interval than one with less.
        // The sketch counts every latency since the node started, so two reports subtract into one shared interval.
        var metrics = new VersionMetrics("svc", "1.0.0");

        for (var i = 1; i <= 612; i++)
        {
            metrics.Record(200, ExecutionOutcome.Completed, TimeSpan.FromMicroseconds(i));
        }
        var sketch = metrics.Snapshot().Sketch!;

        Assert.Equal(612, sketch.Counts.Sum());
        Assert.Equal(0, sketch.Indexes[0]);
        Assert.InRange(ValueOf(sketch.Indexes[^1]) / 612, 0.98, 1.02);
        Assert.Equal(sketch.Indexes.Order(), sketch.Indexes);
        Assert.Empty(metrics.Snapshot().Samples.RecentMicros);
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
