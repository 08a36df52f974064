using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Node;

/// <summary>
/// A baseline copy of stable through a real node: it answers as stable, is never addressable on its own, reports
/// under its own key, and stops being reported when the desired state drops it.
/// </summary>
[Collection(EdgeCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class EdgeNodeBaselineTests(EdgeFixture edge) : IAsyncLifetime
{
    private EdgeNodeHost _host = null!;

    public async Task InitializeAsync() => _host = await EdgeNodeHost.StartAsync(edge);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Ingress_BaselineCopy_AnswersAsStableAndReportsUnderItsOwnKey()
    {
        // Stable at weight 0 here, so every unpinned answer of 1.0.0 comes from the baseline copy; stable still answers a pin.
        var heartbeat = await _host.ConvergeAsync("b1", EdgeNodeHost.Service("shop", "/shop",
            _host.Version("1.0.0", "hello", 0), _host.Version("2.0.0", "echo", 50),
            _host.Version("1.0.0", "hello", 50) with { Role = VersionRole.Baseline }));

        var answered = new List<(string Version, string Cookie)>();
        for (var i = 0; i < 40; i++)
        {
            using var response = await _host.Ingress.GetAsync("/shop/cart");
            answered.Add((response.Headers.GetValues("x-platform-version").Single(), response.Headers.GetValues("Set-Cookie").Single().Split(';')[0]));
        }
        for (var i = 0; i < 3; i++)
        {
            using var pinned = new HttpRequestMessage(HttpMethod.Get, "/shop/cart");
            pinned.Headers.Add("x-platform-version", "1.0.0");
            using var response = await _host.Ingress.SendAsync(pinned);
            Assert.Equal("hello from /shop/cart", await response.Content.ReadAsStringAsync());
        }
        using var keptByCookie = new HttpRequestMessage(HttpMethod.Get, "/shop/cart");
        keptByCookie.Headers.Add("Cookie", "platform-version-shop=1.0.0");
        using var kept = await _host.Ingress.SendAsync(keptByCookie);
        var fromBaseline = answered.Count(a => a.Version == "1.0.0");
        var counted = await _host.ControlPlane.WaitForHeartbeatAsync(
            h => h.Metrics?.Where(m => m.Service == "shop").Sum(m => m.Requests) == 44, EdgeNodeHost.Converge);

        Assert.Equal(["1.0.0", "2.0.0"], heartbeat.Ready!.Where(r => r.Service == "shop").Select(r => r.Version).Order());
        Assert.InRange(fromBaseline, 1, 39);
        Assert.All(answered, a => Assert.Equal($"platform-version-shop={a.Version}", a.Cookie));
        Assert.Equal("1.0.0", kept.Headers.GetValues("x-platform-version").Single());
        Assert.False(kept.Headers.Contains("Set-Cookie"));
        var shop = counted.Metrics!.Where(m => m.Service == "shop").ToList();
        Assert.Equal(3, Assert.Single(shop, m => m.Version == "1.0.0" && m.Role == VersionRole.Serving).Requests);
        Assert.Equal(fromBaseline + 1, Assert.Single(shop, m => m.Version == "1.0.0" && m.Role == VersionRole.Baseline).Requests);
        Assert.Equal(40 - fromBaseline, Assert.Single(shop, m => m.Version == "2.0.0").Requests);
    }

    [Fact]
    public async Task Heartbeat_BaselineDroppedThenPlacedAgain_IsForgottenAndStartsAgainFromZero()
    {
        var stable = _host.Version("1.0.0", "hello", 40);
        var baseline = _host.Version("1.0.0", "hello", 50) with { Role = VersionRole.Baseline };
        await _host.ConvergeAsync("d1", EdgeNodeHost.Service("desk", "/desk", stable, _host.Version("2.0.0", "echo", 10), baseline));
        await SendAsync("/desk", 20);
        var served = await _host.ControlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == "d1" && Requests(h, "desk") == 20, EdgeNodeHost.Converge);

        var ended = await _host.ConvergeAsync("d2", EdgeNodeHost.Service("desk", "/desk", stable with { Weight = 100 }));
        var withoutBaseline = await _host.ControlPlane.WaitForHeartbeatAsync(
            h => h.AppliedRevision == "d2" && h.Metrics!.All(m => m.Role == VersionRole.Serving), EdgeNodeHost.Converge);
        await _host.ConvergeAsync("d3", EdgeNodeHost.Service("desk", "/desk", stable with { Weight = 0 }, _host.Version("2.0.0", "echo", 0),
            baseline with { Weight = 100 }));
        await SendAsync("/desk", 2);
        var again = await _host.ControlPlane.WaitForHeartbeatAsync(
            h => h.AppliedRevision == "d3" && h.Metrics!.Any(m => m.Service == "desk" && m.Role == VersionRole.Baseline && m.Requests >= 2), EdgeNodeHost.Converge);

        // Half of the first 20 went to the first copy (none of them is counted by the second one).
        Assert.True(Assert.Single(served.Metrics!, m => m.Service == "desk" && m.Role == VersionRole.Baseline).Requests > 0);
        Assert.Single(ended.Ready!, r => r.Service == "desk");
        Assert.DoesNotContain(withoutBaseline.Metrics!, m => m.Service == "desk" && m.Role == VersionRole.Baseline);
        Assert.Equal(2, Assert.Single(again.Metrics!, m => m.Service == "desk" && m.Role == VersionRole.Baseline).Requests);
    }

    [Fact]
    public async Task Heartbeat_CanaryRolledBackThenRolledOutAgain_StartsAgainFromZero_StableKeepsCounting()
    {
        var stable = _host.Version("1.0.0", "hello", 50);
        await _host.ConvergeAsync("t1", EdgeNodeHost.Service("till", "/till", stable, _host.Version("2.0.0", "echo", 50)));
        await SendAsync("/till", 20);
        var served = await _host.ControlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == "t1" && Requests(h, "till") == 20, EdgeNodeHost.Converge);

        // Rolled back: the canary is no longer placed, so its counts go with it (a later rollout of it must not inherit them).
        await _host.ConvergeAsync("t2", EdgeNodeHost.Service("till", "/till", stable with { Weight = 100 }));
        var rolledBack = await _host.ControlPlane.WaitForHeartbeatAsync(
            h => h.AppliedRevision == "t2" && !h.Metrics!.Any(m => m.Service == "till" && m.Version == "2.0.0"), EdgeNodeHost.Converge);
        await _host.ConvergeAsync("t3", EdgeNodeHost.Service("till", "/till", stable with { Weight = 0 }, _host.Version("2.0.0", "echo", 100)));
        await SendAsync("/till", 2);
        var again = await _host.ControlPlane.WaitForHeartbeatAsync(
            h => h.AppliedRevision == "t3" && h.Metrics!.Any(m => m.Service == "till" && m.Version == "2.0.0" && m.Requests >= 2), EdgeNodeHost.Converge);

        Assert.True(Assert.Single(served.Metrics!, m => m.Service == "till" && m.Version == "2.0.0").Requests > 0);
        var stableServed = Assert.Single(rolledBack.Metrics!, m => m.Service == "till" && m.Version == "1.0.0").Requests;
        Assert.Equal(2, Assert.Single(again.Metrics!, m => m.Service == "till" && m.Version == "2.0.0").Requests);
        Assert.Equal(stableServed, Assert.Single(again.Metrics!, m => m.Service == "till" && m.Version == "1.0.0").Requests);
    }

    private async Task SendAsync(string path, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await _host.Ingress.GetAsync(path);
            response.EnsureSuccessStatusCode();
        }
    }

    private static long Requests(NodeHeartbeatRequest heartbeat, string service) =>
        heartbeat.Metrics?.Where(m => m.Service == service).Sum(m => m.Requests) ?? 0;
}
