using System.Net;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Node;

/// <summary>A looping neighbour on a real node: the healthy service keeps answering, and /metrics shows who took the workers.</summary>
[Collection(EdgeCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class EdgeNodeNeighbourTests(EdgeFixture edge) : IAsyncLifetime
{
    private EdgeNodeHost _host = null!;

    public async Task InitializeAsync() => _host = await EdgeNodeHost.StartAsync(edge);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Ingress_LoopingNeighbourInFlight_HealthyServiceAnswersAndMetricsShowWorkerAndQueueTime()
    {
        await _host.ConvergeAsync("n1",
            EdgeNodeHost.Service("healthy", "/healthy", _host.Version("1.0.0", "hello-wagi", 100, "wagi")),
            EdgeNodeHost.Service("spin", "/spin", _host.Version("1.0.0", "loop-wagi", 100, "wagi") with { Limits = new LimitsDto(1500, 16) }));

        var loops = Enumerable.Range(0, 4).Select(_ => _host.Ingress.GetAsync("/spin")).ToList();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await _host.Ingress.GetAsync($"/healthy/{i}");
            statuses.Add(response.StatusCode);
        }
        var loopsStillRunning = loops.Count(t => !t.IsCompleted);
        var looped = await Task.WhenAll(loops);
        // The running loop was answered by the deadline watch; its worker counts it when the guest stops at its next epoch check.
        var metrics = await MetricsOnceAsync("platform_edge_deadline_exceeded_total{service=\"spin\",version=\"1.0.0\"} 4\n");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(4, loopsStillRunning);
        Assert.All(looped, r => Assert.Equal(HttpStatusCode.GatewayTimeout, r.StatusCode));
        Assert.Contains("platform_edge_requests_total{service=\"healthy\",version=\"1.0.0\"} 10\n", metrics);
        Assert.Contains("platform_edge_runs_total{service=\"healthy\"} 10\n", metrics);
        Assert.Contains("platform_edge_worker_seconds_total{service=\"spin\"} ", metrics);
        Assert.Contains("platform_edge_queue_seconds_total{service=\"spin\"} ", metrics);
        Assert.Contains("platform_edge_queue_expired_total{service=\"spin\"} ", metrics);
        // Each 504 counted once in the lateness histogram, as written by the ingress; nothing for a service that met its deadlines.
        Assert.Contains("platform_edge_deadline_answer_lateness_seconds_count{service=\"spin\"} 4\n", metrics);
        Assert.DoesNotContain("platform_edge_deadline_answer_lateness_seconds_count{service=\"healthy\"}", metrics);
        foreach (var response in looped)
        {
            response.Dispose();
        }
    }

    /// <summary>/metrics once it contains <paramref name="expected"/> (or as it is after 10 s, for the assertions to show).</summary>
    private async Task<string> MetricsOnceAsync(string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var metrics = await _host.Ingress.GetStringAsync("/metrics");
            if (metrics.Contains(expected, StringComparison.Ordinal) || timeout.IsCancellationRequested)
            {
                Assert.Contains(expected, metrics);
                return metrics;
            }
            await Task.Delay(10);
        }
    }
}
