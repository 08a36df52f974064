using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Node;

/// <summary>A real node (in-memory ingress) against a fake control plane on a loopback port.</summary>
[Collection(EdgeCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class EdgeNodeTests(EdgeFixture edge) : IAsyncLifetime
{
    private static readonly TimeSpan Converge = EdgeNodeHost.Converge;
    private EdgeNodeHost _host = null!;

    private FakeControlPlane ControlPlane => _host.ControlPlane;

    private HttpClient Ingress => _host.Ingress;

    public async Task InitializeAsync() => _host = await EdgeNodeHost.StartAsync(edge);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>
    /// ASP.NET Core's hosting starts an Activity and a log scope for every request while its category logs at any level:
    /// about 13 µs of a one-connection request on this kind of machine, for lines the node never writes. Off unless configured.
    /// </summary>
    [Fact]
    public async Task Logging_HostingDiagnostics_OffByDefaultAndOnWhenConfigured()
    {
        const string category = "Microsoft.AspNetCore.Hosting.Diagnostics";
        await using var configured = _host.StartAnother(new Dictionary<string, string?> { [$"Logging:LogLevel:{category}"] = "Warning" });

        Assert.False(_host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category).IsEnabled(LogLevel.Critical));
        Assert.True(_host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Warning));
        Assert.True(configured.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category).IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public async Task Ingress_ServiceConverged_AnswersWithPlatformHeaders()
    {
        ControlPlane.SetDesiredState("r1", Service("hello-api", "/hello-api", Version("1.0.0", "hello", 100)));

        var heartbeat = await ControlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == "r1", Converge);
        using var response = await Ingress.GetAsync("/hello-api/world");

        Assert.Equal([new ReadyVersionDto("hello-api", "1.0.0", Digest("hello"))], heartbeat.Ready);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello from /hello-api/world", await response.Content.ReadAsStringAsync());
        Assert.Equal("hello-api", response.Headers.GetValues("x-platform-service").Single());
        Assert.Equal("1.0.0", response.Headers.GetValues("x-platform-version").Single());
        Assert.NotEmpty(response.Headers.GetValues("x-request-id").Single());
    }

    [Fact]
    public async Task Ingress_NestedRoutes_LongestSegmentPrefixWinsAndVersionHeaderPicksVersion()
    {
        ControlPlane.SetDesiredState("r2",
            Service("root", "/", Version("2.0.0", "echo", 100)),
            Service("hello-api", "/hello-api", Version("1.0.0", "hello", 100), Version("1.1.0", "config", 0)));
        await ControlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == "r2", Converge);

        using var nested = await Ingress.GetAsync("/hello-api/a");
        using var sibling = await Ingress.GetAsync("/hello-apix");
        using var pinned = new HttpRequestMessage(HttpMethod.Get, "/hello-api/a");
        pinned.Headers.Add("x-platform-version", "1.1.0");
        using var pinnedResponse = await Ingress.SendAsync(pinned);

        Assert.Equal("hello-api", nested.Headers.GetValues("x-platform-service").Single());
        Assert.Equal("root", sibling.Headers.GetValues("x-platform-service").Single());
        Assert.Equal("1.1.0", pinnedResponse.Headers.GetValues("x-platform-version").Single());
        Assert.Equal("greeting not set", await pinnedResponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ingress_UnknownRoute_Returns404ProblemDetails()
    {
        ControlPlane.SetDesiredState("r3", Service("hello-api", "/hello-api", Version("1.0.0", "hello", 100)));
        await ControlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == "r3", Converge);

        using var response = await Ingress.GetAsync("/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Converge_BlobNotMatchingDigest_ReportsFailureAndDoesNotRoute()
    {
        var digest = Digest("hello");
        ControlPlane.PutBlob(digest, edge.Components.Bytes("echo"));
        ControlPlane.SetDesiredState("r4", new ServiceAssignmentDto("bad", "/bad",
            [new VersionAssignmentDto("1.0.0", digest, "component", 100, CapabilitiesDto.None, LimitsDto.Default)]));

        var heartbeat = await ControlPlane.WaitForHeartbeatAsync(h => h.Failed!.Count > 0, Converge);
        using var response = await Ingress.GetAsync("/bad");

        Assert.Contains("digest mismatch", Assert.Single(heartbeat.Failed!).Reason);
        // The node keeps reporting what it last converged to: nothing, or the empty state it was first given ("r0"),
        // whichever its first poll saw; never the revision it could not apply.
        Assert.NotEqual("r4", heartbeat.AppliedRevision);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Poll_NodeTokenRevoked_EnrolsAgainAndKeepsServing()
    {
        ControlPlane.SetDesiredState("r5", Service("hello-api", "/hello-api", Version("1.0.0", "hello", 100)));
        await ControlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == "r5", Converge);

        ControlPlane.RevokeNodeToken();
        ControlPlane.SetDesiredState("r6", Service("hello-api", "/hello-api", Version("1.0.0", "hello", 100)));
        await ControlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == "r6", Converge);
        using var response = await Ingress.GetAsync("/hello-api");

        Assert.Equal(2, ControlPlane.Enrolments);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // It proves who it is with the token it was given (kept in its data folder), as an enrolled name must.
        Assert.Equal([null, ControlPlane.IssuedTokens.First()], ControlPlane.Enrolled.Select(e => e.NodeToken));
    }

    private static ServiceAssignmentDto Service(string name, string route, params VersionAssignmentDto[] versions) =>
        EdgeNodeHost.Service(name, route, versions);

    private VersionAssignmentDto Version(string version, string component, int weight) => _host.Version(version, component, weight);

    private string Digest(string component) => _host.Digest(component);
}
