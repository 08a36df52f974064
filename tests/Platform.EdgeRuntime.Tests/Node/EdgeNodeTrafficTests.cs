using System.Net;
using System.Text;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Node;

/// <summary>WAGI services, sticky canaries and heartbeat metrics through a real node.</summary>
[Collection(EdgeCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class EdgeNodeTrafficTests(EdgeFixture edge) : IAsyncLifetime
{
    private EdgeNodeHost _host = null!;

    public async Task InitializeAsync() => _host = await EdgeNodeHost.StartAsync(edge);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Ingress_WagiService_AnswersCgiOutputAndSurvivesALoopingModule()
    {
        var heartbeat = await _host.ConvergeAsync("w1",
            EdgeNodeHost.Service("hello-wagi", "/hello-wagi", _host.Version("1.0.0", "hello-wagi", 100, "wagi")),
            EdgeNodeHost.Service("spin", "/spin", _host.Version("1.0.0", "loop-wagi", 100, "wagi") with { Limits = new LimitsDto(50, 16) }));

        using var post = await _host.Ingress.PostAsync("/hello-wagi/items?id=7", new StringContent("hi there", Encoding.UTF8, "text/plain"));
        using var looped = await _host.Ingress.GetAsync("/spin");
        using var after = await _host.Ingress.GetAsync("/hello-wagi/after?status=201");

        Assert.Equal(2, heartbeat.Ready!.Count);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("method=POST\npath_info=/items\nquery=id=7\nbody=hi there", await post.Content.ReadAsStringAsync());
        Assert.Equal("1.0.0", post.Headers.GetValues("x-platform-version").Single());
        Assert.Equal(HttpStatusCode.GatewayTimeout, looped.StatusCode);
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    [Fact]
    public async Task Ingress_CanaryRunning_IssuesStickyCookieAndKeepsClientOnItsVersion()
    {
        await _host.ConvergeAsync("s1", EdgeNodeHost.Service("shop", "/shop",
            _host.Version("1.0.0", "hello", 50), _host.Version("2.0.0", "echo", 50)));

        using var first = await _host.Ingress.GetAsync("/shop/cart");
        var version = first.Headers.GetValues("x-platform-version").Single();
        var cookie = first.Headers.GetValues("Set-Cookie").Single();
        var followUps = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/shop/cart");
            request.Headers.Add("Cookie", cookie.Split(';')[0]);
            using var response = await _host.Ingress.SendAsync(request);
            Assert.False(response.Headers.Contains("Set-Cookie"));
            followUps.Add(response.Headers.GetValues("x-platform-version").Single());
        }

        Assert.Equal($"platform-version-shop={version}; Path=/shop; HttpOnly; SameSite=Lax", cookie);
        Assert.All(followUps, v => Assert.Equal(version, v));
    }

    [Fact]
    public async Task Heartbeat_AfterRequests_CarriesCumulativeMetricsPerVersion()
    {
        await _host.ConvergeAsync("m1", EdgeNodeHost.Service("counted", "/counted",
            _host.Version("1.0.0", "hello", 100), _host.Version("2.0.0", "trap", 0)));

        for (var i = 0; i < 3; i++)
        {
            using var ok = await _host.Ingress.GetAsync("/counted");
        }
        using var pinned = new HttpRequestMessage(HttpMethod.Get, "/counted");
        pinned.Headers.Add("x-platform-version", "2.0.0");
        using var failed = await _host.Ingress.SendAsync(pinned);
        var heartbeat = await _host.ControlPlane.WaitForHeartbeatAsync(
            h => h.Metrics?.Where(m => m.Service == "counted").Sum(m => m.Requests) == 4, EdgeNodeHost.Converge);

        var stable = Assert.Single(heartbeat.Metrics!, m => m.Service == "counted" && m.Version == "1.0.0");
        var canary = Assert.Single(heartbeat.Metrics!, m => m.Service == "counted" && m.Version == "2.0.0");
        Assert.Equal((3L, 0L), (stable.Requests, stable.Errors));
        Assert.Equal((1L, 1L), (canary.Requests, canary.Errors));
        Assert.Equal(3, stable.Latency.CumulativeCounts[^1]);
        Assert.Equal(3, stable.Sketch!.Counts.Sum());
        Assert.Equal(1, canary.Sketch!.Counts.Sum());
        Assert.All(stable.Sketch.Indexes, index => Assert.True(index > 0));
    }
}
