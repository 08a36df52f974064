using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Node;

/// <summary>A real node (in-memory ingress) against a fake control plane on a loopback port.</summary>
[Collection(EdgeCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class EdgeNodeTests(EdgeFixture edge) : IAsyncLifetime
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(30);
    private FakeControlPlane _controlPlane = null!;
    private WebApplicationFactory<Program> _node = null!;
    private HttpClient _ingress = null!;

    public async Task InitializeAsync()
    {
        _controlPlane = new FakeControlPlane();
        await _controlPlane.StartAsync();
        var dataDir = Path.Combine(edge.DataDirectory, "node-" + Guid.NewGuid().ToString("N"));
        _node = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, config) =>
            config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Node:Name"] = "edge-test-1",
                ["Node:DataDir"] = dataDir,
                ["ControlPlane:Url"] = _controlPlane.Url.ToString(),
                ["ControlPlane:EnrolmentToken"] = FakeControlPlane.EnrolmentToken,
                ["ControlPlane:PollIntervalMs"] = "100",
                ["ControlPlane:HeartbeatIntervalMs"] = "200",
                ["Edge:Engine:MaxConcurrentInstances"] = "16",
            })));
        _ingress = _node.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _ingress.Dispose();
        await _node.DisposeAsync();
        await _controlPlane.DisposeAsync();
    }

    [Fact]
    public async Task Ingress_ServiceConverged_AnswersWithPlatformHeaders()
    {
        _controlPlane.SetDesiredState("r1", Service("hello-api", "/hello-api", Version("1.0.0", "hello", 100)));

        var heartbeat = await _controlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == "r1", Converge);
        using var response = await _ingress.GetAsync("/hello-api/world");

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
        _controlPlane.SetDesiredState("r2",
            Service("root", "/", Version("2.0.0", "echo", 100)),
            Service("hello-api", "/hello-api", Version("1.0.0", "hello", 100), Version("1.1.0", "config", 0)));
        await _controlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == "r2", Converge);

        using var nested = await _ingress.GetAsync("/hello-api/a");
        using var sibling = await _ingress.GetAsync("/hello-apix");
        using var pinned = new HttpRequestMessage(HttpMethod.Get, "/hello-api/a");
        pinned.Headers.Add("x-platform-version", "1.1.0");
        using var pinnedResponse = await _ingress.SendAsync(pinned);

        Assert.Equal("hello-api", nested.Headers.GetValues("x-platform-service").Single());
        Assert.Equal("root", sibling.Headers.GetValues("x-platform-service").Single());
        Assert.Equal("1.1.0", pinnedResponse.Headers.GetValues("x-platform-version").Single());
        Assert.Equal("greeting not set", await pinnedResponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ingress_UnknownRoute_Returns404ProblemDetails()
    {
        _controlPlane.SetDesiredState("r3", Service("hello-api", "/hello-api", Version("1.0.0", "hello", 100)));
        await _controlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == "r3", Converge);

        using var response = await _ingress.GetAsync("/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Converge_BlobNotMatchingDigest_ReportsFailureAndDoesNotRoute()
    {
        var digest = Digest("hello");
        _controlPlane.PutBlob(digest, edge.Components.Bytes("echo"));
        _controlPlane.SetDesiredState("r4", new ServiceAssignmentDto("bad", "/bad",
            [new VersionAssignmentDto("1.0.0", digest, "component", 100, CapabilitiesDto.None, LimitsDto.Default)]));

        var heartbeat = await _controlPlane.WaitForHeartbeatAsync(h => h.Failed.Count > 0, Converge);
        using var response = await _ingress.GetAsync("/bad");

        Assert.Contains("digest mismatch", Assert.Single(heartbeat.Failed).Reason);
        Assert.Null(heartbeat.AppliedRevision);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Poll_NodeTokenRevoked_EnrolsAgainAndKeepsServing()
    {
        _controlPlane.SetDesiredState("r5", Service("hello-api", "/hello-api", Version("1.0.0", "hello", 100)));
        await _controlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == "r5", Converge);

        _controlPlane.RevokeNodeToken();
        _controlPlane.SetDesiredState("r6", Service("hello-api", "/hello-api", Version("1.0.0", "hello", 100)));
        await _controlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == "r6", Converge);
        using var response = await _ingress.GetAsync("/hello-api");

        Assert.Equal(2, _controlPlane.Enrolments);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private ServiceAssignmentDto Service(string name, string route, params VersionAssignmentDto[] versions) => new(name, route, versions);

    private VersionAssignmentDto Version(string version, string component, int weight)
    {
        _controlPlane.PutBlob(Digest(component), edge.Components.Bytes(component));
        return new VersionAssignmentDto(version, Digest(component), "component", weight, CapabilitiesDto.None, LimitsDto.Default);
    }

    private string Digest(string component) => ComponentDigest.Compute(edge.Components.Bytes(component));
}
