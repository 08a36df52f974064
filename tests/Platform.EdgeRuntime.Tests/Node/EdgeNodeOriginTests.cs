using System.Net;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Node;

/// <summary>
/// Origins through a real node: every service on a host of its own ("&lt;service&gt;.localhost", the default
/// service domain), and on the shared host a tenant (tests/components/cookies) that tries to set cookies for
/// other paths, the parent domain and the platform, and to read the platform's sticky cookie.
/// </summary>
[Collection(EdgeCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class EdgeNodeOriginTests(EdgeFixture edge) : IAsyncLifetime
{
    private EdgeNodeHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await EdgeNodeHost.StartAsync(edge);
        await _host.ConvergeAsync("o1",
            EdgeNodeHost.Service("shop", "/shop", _host.Version("1.0.0", "echo", 100)),
            EdgeNodeHost.Service("jar", "/jar", _host.Version("1.0.0", "cookies", 100)),
            EdgeNodeHost.Service("hello-wagi", "/hello-wagi", _host.Version("1.0.0", "hello-wagi", 100, "wagi")));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Enrol_DefaultConfiguration_ReportsLocalhostServiceDomain()
    {
        Assert.Equal("localhost", _host.ControlPlane.LastEnrolment?.ServiceDomain);
    }

    [Fact]
    public async Task Ingress_OwnHost_GetsTheWholePathAndWinsOverPathRouting()
    {
        using var own = await Send("shop.localhost", "/cart?x=1");
        using var otherRoute = await Send("shop.localhost", "/jar/cart");
        using var nodeHealth = await Send("shop.localhost", "/healthz");
        using var nodeMetrics = await Send("shop.localhost", "/metrics");
        using var shared = await Send("localhost", "/shop/cart");
        using var sharedMetrics = await Send("localhost", "/metrics");

        Assert.Equal(("shop", "/cart?x=1"), (Service(own), own.Headers.GetValues("x-echo-uri").Single()));
        Assert.Equal(("shop", "/jar/cart"), (Service(otherRoute), otherRoute.Headers.GetValues("x-echo-uri").Single()));
        Assert.Equal(("shop", "/healthz"), (Service(nodeHealth), nodeHealth.Headers.GetValues("x-echo-uri").Single()));
        Assert.Equal(("shop", "/metrics"), (Service(nodeMetrics), nodeMetrics.Headers.GetValues("x-echo-uri").Single()));
        // On the shared host the node's own endpoints stay the node's.
        Assert.False(sharedMetrics.Headers.Contains("x-platform-service"));
        Assert.Contains("platform_edge_", await sharedMetrics.Content.ReadAsStringAsync());
        Assert.Equal(("shop", "/shop/cart"), (Service(shared), shared.Headers.GetValues("x-echo-uri").Single()));
    }

    [Fact]
    public async Task Ingress_UnknownNameUnderServiceDomain_Is404WithoutFallingBackToPaths()
    {
        using var unknown = await Send("nobody.localhost", "/shop/cart");
        using var nested = await Send("a.shop.localhost", "/shop/cart");
        using var health = await Send("localhost", "/healthz");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No service 'nobody' is served by this node.", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, nested.StatusCode);
        Assert.False(unknown.Headers.Contains("x-platform-service"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Ingress_WagiOnOwnHost_SeesEmptyScriptNameAndWholePathAsPathInfo()
    {
        using var own = await Send("hello-wagi.localhost", "/items?id=7");
        using var shared = await Send("localhost", "/hello-wagi/items?id=7");

        Assert.Equal("method=GET\npath_info=/items\nquery=id=7\nbody=", await own.Content.ReadAsStringAsync());
        Assert.Equal(await shared.Content.ReadAsStringAsync(), await own.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ingress_SharedHost_GuestCookiesArePinnedToTheRouteAndPlatformCookiesRefused()
    {
        var attempts = string.Join("&", new[]
        {
            "a=1; Path=/", "b=2; Domain=localhost; Path=/shop", "c=3; HttpOnly", "platform-version-shop=9.9.9; Path=/shop",
        }.Select(c => "set=" + Uri.EscapeDataString(c)));

        using var response = await Send("localhost", "/jar/set?" + attempts);

        Assert.Equal(["a=1; Path=/jar", "b=2; Path=/jar", "c=3; HttpOnly; Path=/jar"], response.Headers.GetValues("Set-Cookie"));
    }

    [Fact]
    public async Task Ingress_OwnHost_GuestKeepsPathButCannotWidenDomain()
    {
        var attempts = string.Join("&", new[] { "a=1; Path=/cart", "b=2; Domain=localhost", "c=3; Domain=jar.localhost" }
            .Select(c => "set=" + Uri.EscapeDataString(c)));

        using var response = await Send("jar.localhost", "/set?" + attempts);

        Assert.Equal(["a=1; Path=/cart", "b=2", "c=3; Domain=jar.localhost"], response.Headers.GetValues("Set-Cookie"));
    }

    [Fact]
    public async Task Ingress_PlatformCookieInRequest_IsNotShownToTheGuest()
    {
        using var shared = await Send("localhost", "/jar", "session=abc; platform-version-shop=1.0.0; platform-version-jar=1.0.0");
        using var own = await Send("jar.localhost", "/", "platform-version-jar=1.0.0");

        Assert.Equal("cookie=session=abc", await shared.Content.ReadAsStringAsync());
        Assert.Equal("cookie=", await own.Content.ReadAsStringAsync());
        Assert.Equal("jar", Service(own));
    }

    [Fact]
    public async Task Ingress_CanaryOnOwnHost_StickyCookieCoversTheWholeHost()
    {
        await _host.ConvergeAsync("o2", EdgeNodeHost.Service("shop", "/shop", _host.Version("1.0.0", "echo", 50), _host.Version("2.0.0", "hello", 50)));

        using var response = await Send("shop.localhost", "/cart");

        var version = response.Headers.GetValues("x-platform-version").Single();
        Assert.Equal($"platform-version-shop={version}; Path=/; HttpOnly; SameSite=Lax", response.Headers.GetValues("Set-Cookie").Single());
    }

    private async Task<HttpResponseMessage> Send(string host, string uri, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Host = host;
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        return await _host.Ingress.SendAsync(request);
    }

    private static string Service(HttpResponseMessage response) => response.Headers.GetValues("x-platform-service").Single();
}
