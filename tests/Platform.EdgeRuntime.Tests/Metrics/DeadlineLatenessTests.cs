using Platform.EdgeRuntime.Metrics;

namespace Platform.EdgeRuntime.Tests.Metrics;

public sealed class DeadlineLatenessTests
{
    [Fact]
    public void Record_EachAnswerInTheFirstBucketThatHoldsIt_EarlyAsZero_CumulativeAndSum()
    {
        var lateness = new DeadlineLateness();

        lateness.Record(TimeSpan.FromMicroseconds(-300)); // answered before the deadline: counts as on time
        lateness.Record(TimeSpan.FromMicroseconds(100));  // on a bound: that bucket
        lateness.Record(TimeSpan.FromMicroseconds(900));
        lateness.Record(TimeSpan.FromMilliseconds(4.4));
        lateness.Record(TimeSpan.FromSeconds(1));          // beyond the last bound

        var snapshot = lateness.Snapshot();
        Assert.Equal([2L, 2, 2, 3, 3, 4, 4, 4, 5], snapshot.CumulativeCounts);
        Assert.Equal(5, snapshot.Count);
        Assert.Equal(TimeSpan.FromMicroseconds(100 + 900 + 4400 + 1_000_000), snapshot.Sum);
    }

    [Fact]
    public void Prometheus_RecordedService_HistogramInSecondsWithInf_OthersLeftOut()
    {
        var metrics = new EdgeMetrics();
        metrics.ForService("late").RecordDeadlineAnswer(TimeSpan.FromMicroseconds(700));
        metrics.ForService("quiet").RecordQueueFull();

        var text = PrometheusFormatter.Format(metrics.Snapshot(), metrics.ServiceSnapshot());

        Assert.Contains("# TYPE platform_edge_deadline_answer_lateness_seconds histogram\n", text);
        Assert.Contains("platform_edge_deadline_answer_lateness_seconds_bucket{service=\"late\",le=\"0.0005\"} 0\n", text);
        Assert.Contains("platform_edge_deadline_answer_lateness_seconds_bucket{service=\"late\",le=\"0.001\"} 1\n", text);
        Assert.Contains("platform_edge_deadline_answer_lateness_seconds_bucket{service=\"late\",le=\"+Inf\"} 1\n", text);
        Assert.Contains("platform_edge_deadline_answer_lateness_seconds_count{service=\"late\"} 1\n", text);
        Assert.DoesNotContain("lateness_seconds_count{service=\"quiet\"}", text);
    }
}
