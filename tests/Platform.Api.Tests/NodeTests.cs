using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Tests.Support;
using Platform.Contracts.Nodes;
using Platform.Contracts.Services;
using Platform.Testing;

namespace Platform.Api.Tests;

/// <summary>The control-plane side of the edge contract: enrolment, desired state, heartbeats.</summary>
public sealed class NodeTests(ApiFactory api) : ApiTest(api)
{
    private async Task<(HttpClient Client, EnrolNodeResponse Node)> EnrolAsync(string name = "edge-test", ApiVariant? host = null)
    {
        var http = host?.CreateClient() ?? Api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.EnrolmentToken);
        var response = await http.PostAsJsonAsync("/api/v1/nodes/enrol", new EnrolNodeRequest(name, "eu-west", "http://127.0.0.1:9999"));
        response.EnsureSuccessStatusCode();
        var node = (await response.Content.ReadFromJsonAsync<EnrolNodeResponse>())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.NodeToken);
        return (http, node);
    }

    [Fact]
    public async Task Enrol_WrongToken_Unauthorized_NoNodeStored()
    {
        var http = Api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
        var response = await http.PostAsJsonAsync("/api/v1/nodes/enrol", new EnrolNodeRequest("edge-x", "eu", "http://127.0.0.1:1"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await (await Api.SignInAsync("admin")).NodesAsync());
    }

    [Fact]
    public async Task DesiredState_AfterDeployment_ListsServiceWithDigestCapabilitiesAndLimits()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("edge-hello", "payments"));
        var version = await alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Hello, "name = \"edge-hello\"\n[limits]\ndeadline_ms = 250\nmax_instances = 3\n");
        await Api.DeployAsync("edge-hello", "1.0.0");
        var (http, node) = await EnrolAsync();
        var state = (await http.GetFromJsonAsync<NodeDesiredStateDto>($"/api/v1/nodes/{node.NodeId}/desired-state"))!;

        var service = Assert.Single(state.Services);
        Assert.Equal("/edge-hello", service.Route);
        var assigned = Assert.Single(service.Versions);
        Assert.Equal((version.Digest, 100, 250, 3), (assigned.Digest, assigned.Weight, assigned.Limits.DeadlineMs, assigned.Limits.MaxInstances));
        Assert.Equal(3, version.MaxInstances);
        var blob = await http.GetByteArrayAsync($"/api/v1/blobs/{version.Digest}");
        Assert.Equal(Components.Hello, blob);
    }

    [Fact]
    public async Task DesiredState_Watch_AnsweredWhenADeploymentChangesWithTheNewState()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("edge-hello", "payments"));
        await alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Hello, null);
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var host = Api.WithClock(clock);
        var (http, node) = await EnrolAsync(host: host);
        var before = (await http.GetFromJsonAsync<NodeDesiredStateDto>($"/api/v1/nodes/{node.NodeId}/desired-state"))!;
        Assert.Empty(before.Services);

        var watch = http.GetFromJsonAsync<NodeDesiredStateDto>($"/api/v1/nodes/{node.NodeId}/desired-state?after={before.Revision}&waitSeconds=30");
        await clock.UntilWaitingAsync(watch);
        clock.Advance(TimeSpan.FromSeconds(29));
        await clock.UntilWaitingAsync(watch);
        Assert.False(watch.IsCompleted, "the watch waits while nothing changes");
        await Api.DeployAsync("edge-hello", "1.0.0");

        var after = (await watch)!;
        Assert.NotEqual(before.Revision, after.Revision);
        Assert.Equal("edge-hello", Assert.Single(after.Services).Service);
    }

    [Fact]
    public async Task DesiredState_WatchWithoutChange_AnswersTheSameRevisionWhenTheWaitIsOver()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var host = Api.WithClock(clock);
        var (http, node) = await EnrolAsync(host: host);
        var before = (await http.GetFromJsonAsync<NodeDesiredStateDto>($"/api/v1/nodes/{node.NodeId}/desired-state"))!;

        var watch = http.GetFromJsonAsync<NodeDesiredStateDto>($"/api/v1/nodes/{node.NodeId}/desired-state?after={before.Revision}&waitSeconds=1");
        // Other timers of the host wait on the same clock, so one advance may come before the watch starts its wait.
        await clock.AdvanceUntilAsync(watch, TimeSpan.FromSeconds(1));
        var again = (await watch)!;

        Assert.Equal(before.Revision, again.Revision);
    }

    [Fact]
    public async Task Heartbeat_NamingThousandsOfUnknownServices_ReadsTheWholeFleetOnce_NotOnEveryHeartbeat()
    {
        // Listening: reads between notifications take only what changed, so a whole read is the heartbeat's doing.
        await Api.DesiredStateListeningAsync();
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("svc", "payments"));
        var version = await alice.PublishVersionAsync("svc", "1.0.0", Components.Hello, null);
        await Api.DeployAsync("svc", "1.0.0");
        var (http, node) = await EnrolAsync("edge-hostile");
        var fleet = Api.Services.GetRequiredService<Platform.Api.Features.Nodes.FleetDeployments>();
        // A node naming more services than are read again by name, none of which exists, beside what it really runs.
        List<ReadyVersionDto> ready = [new("svc", "1.0.0", version.Digest),
            .. Enumerable.Range(0, Platform.Api.Features.Nodes.NodeHeartbeat.MaxRereadServices + 1)
                .Select(i => new ReadyVersionDto($"ghost-{i:D5}", "1.0.0", version.Digest))];
        async Task<(long Before, long After)> BeatAsync()
        {
            var before = fleet.Held.Epoch;
            var beat = await http.PostAsJsonAsync($"/api/v1/nodes/{node.NodeId}/heartbeat", new NodeHeartbeatRequest("rev1", ready, []));
            Assert.Equal(HttpStatusCode.NoContent, beat.StatusCode);
            return (before, fleet.Held.Epoch);
        }

        var first = await BeatAsync();
        var second = await BeatAsync();

        Assert.True(first.After > first.Before, "the first such heartbeat reads the whole fleet");
        Assert.Equal(second.Before, second.After);
        // What it really runs is recorded both times; the ghosts are dropped.
        Assert.Equal(["svc@1.0.0=" + version.Digest], Assert.Single(await alice.NodesAsync()).Ready);
    }

    [Fact]
    public async Task Heartbeat_RecordsReadyVersions_NodeOnline()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("svc", "payments"));
        var version = await alice.PublishVersionAsync("svc", "1.0.0", Components.Hello, null);
        await Api.DeployAsync("svc", "1.0.0");
        var (http, node) = await EnrolAsync();
        var beat = await http.PostAsJsonAsync($"/api/v1/nodes/{node.NodeId}/heartbeat",
            new NodeHeartbeatRequest("rev1", [new ReadyVersionDto("svc", "1.0.0", version.Digest)], []));
        Assert.Equal(HttpStatusCode.NoContent, beat.StatusCode);

        var listed = Assert.Single(await alice.NodesAsync());
        Assert.True(listed.Online);
        Assert.Equal(["svc@1.0.0=" + version.Digest], listed.Ready);
    }

    [Fact]
    public async Task Heartbeat_WithMetrics_ServiceMetricsSumNodesPerVersion()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("edge-hello", "payments"));
        await alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Hello, null);
        await alice.PublishVersionAsync("edge-hello", "1.1.0", Components.Hello, null);
        await Api.DeployAsync("edge-hello", "1.0.0");
        await Api.SplitAsync("edge-hello", "1.1.0", 10);
        static VersionMetricsDto Report(string version, long requests, long errors, long[] micros) =>
            new("edge-hello", version, requests, errors, 0, 0, new LatencyHistogramDto([1, 10], [0, 0, requests], 1), LatencySamplesDto.Empty, Sketch: Sketch(micros));
        var (first, a) = await EnrolAsync("edge-a");
        var (second, b) = await EnrolAsync("edge-b");
        await first.PostAsJsonAsync($"/api/v1/nodes/{a.NodeId}/heartbeat", new NodeHeartbeatRequest(null, [], [],
            [Report("1.0.0", 90, 0, [1000, 2000]), Report("1.1.0", 10, 5, [9000])]));
        await second.PostAsJsonAsync($"/api/v1/nodes/{b.NodeId}/heartbeat", new NodeHeartbeatRequest(null, [], [],
            [Report("1.0.0", 10, 1, [3000, 4000])]));

        var metrics = await alice.ServiceMetricsAsync("edge-hello");

        Assert.Equal(["1.0.0", "1.1.0"], metrics.Select(m => m.Version));
        Assert.Equal((100L, 1L, 0.01), (metrics[0].Requests, metrics[0].Errors, metrics[0].ErrorRate));
        // Percentiles of the nodes' sketches added up: within the sketch's 2% of the raw 2 ms and 4 ms.
        Assert.Equal((2.0, 4.0), (Math.Round(metrics[0].P50Ms!.Value, 1), Math.Round(metrics[0].P99Ms!.Value, 1)));
        Assert.Equal(["edge-a", "edge-b"], metrics[0].Nodes);
        Assert.Equal((10L, 5L, 0.5), (metrics[1].Requests, metrics[1].Errors, metrics[1].ErrorRate));
    }

    /// <summary>A latency sketch as an edge node builds it (see LatencySketchDto).</summary>
    internal static LatencySketchDto Sketch(params long[] micros)
    {
        var buckets = micros.GroupBy(us => us <= 1 ? 0 : (int)Math.Ceiling(Math.Log(us) / Math.Log(LatencySketchDto.StandardGamma) - 1e-9))
            .OrderBy(g => g.Key).ToList();
        return new LatencySketchDto(LatencySketchDto.StandardGamma, buckets.Select(g => g.Key).ToList(), buckets.Select(g => (long)g.Count()).ToList());
    }

    [Fact]
    public async Task Heartbeat_ThirdNodeEnrolledLater_CountedInLiveTrafficAndStampedWhenItsCountersBegan()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("edge-hello", "payments"));
        await (await Api.SignInAsync("admin")).CreateServiceAsync(new CreateServiceRequest("other-team", "web"));
        await alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Hello, null);
        await alice.PublishVersionAsync("edge-hello", "1.1.0", Components.Hello, null);
        await Api.DeployAsync("edge-hello", "1.0.0");
        await Api.SplitAsync("edge-hello", "1.1.0", 20);
        static VersionMetricsDto Report(string service, string version, long requests, long errors, params long[] micros) =>
            new(service, version, requests, errors, 0, 0, new LatencyHistogramDto([1], [0, requests], 1), LatencySamplesDto.Empty, Sketch: Sketch(micros));
        var (first, a) = await EnrolAsync("edge-a");
        var (second, b) = await EnrolAsync("edge-b");
        await first.PostAsJsonAsync($"/api/v1/nodes/{a.NodeId}/heartbeat", new NodeHeartbeatRequest(null, [], [], [Report("edge-hello", "1.0.0", 80, 0, 1000)]));
        await second.PostAsJsonAsync($"/api/v1/nodes/{b.NodeId}/heartbeat", new NodeHeartbeatRequest(null, [], [], [Report("edge-hello", "1.0.0", 80, 0, 1000)]));

        // A node enrolled during the rollout reports both versions, and (hostile) a version of a service not placed on it.
        var (third, c) = await EnrolAsync("edge-c");
        var enrolled = (await (await Api.SignInAsync("admin")).NodesAsync()).Single(n => n.Name == "edge-c").EnrolledAt;
        var first3 = await third.PostAsJsonAsync($"/api/v1/nodes/{c.NodeId}/heartbeat", new NodeHeartbeatRequest(null, [], [],
            [Report("edge-hello", "1.0.0", 40, 0, 1000, 1000), Report("edge-hello", "1.1.0", 10, 10, 4000), Report("other-team", "9.9.9", 1_000, 1_000, 9000)]));
        Assert.Equal(HttpStatusCode.NoContent, first3.StatusCode);

        var metrics = await alice.ServiceMetricsAsync("edge-hello");
        Assert.Equal(["1.0.0", "1.1.0"], metrics.Select(m => m.Version));
        Assert.Equal((200L, 0L), (metrics[0].Requests, metrics[0].Errors));
        Assert.Equal(["edge-a", "edge-b", "edge-c"], metrics[0].Nodes);
        Assert.Equal((10L, 10L), (metrics[1].Requests, metrics[1].Errors));
        Assert.Equal(["edge-c"], metrics[1].Nodes);
        Assert.Equal(4.0, Math.Round(metrics[1].P50Ms!.Value, 1));
        Assert.Empty(await alice.ServiceMetricsAsync("other-team"));

        // Its counters count from its enrolment (its first report holds everything it served) and keep that stamp while they grow.
        var stored = await Api.QueryNodeMetricsAsync("edge-c");
        Assert.Equal([enrolled, enrolled], stored.Select(m => m.CountingSince!.Value));
        await third.PostAsJsonAsync($"/api/v1/nodes/{c.NodeId}/heartbeat", new NodeHeartbeatRequest(null, [], [],
            [Report("edge-hello", "1.0.0", 60, 0, 1000, 1000, 1000), Report("edge-hello", "1.1.0", 12, 10, 4000, 4000)]));
        Assert.Equal([enrolled, enrolled], (await Api.QueryNodeMetricsAsync("edge-c")).Select(m => m.CountingSince!.Value));
    }

    [Fact]
    public async Task Heartbeat_NodeOfThePreviousReleaseOrForeignSketch_CountersKeptLatencyLeftOut()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("edge-hello", "payments"));
        await alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Hello, null);
        await Api.DeployAsync("edge-hello", "1.0.0");
        var (old, a) = await EnrolAsync("edge-old");
        var (odd, b) = await EnrolAsync("edge-odd");
        // The previous wire shape: raw recent samples, no sketch.
        await old.PostAsJsonAsync($"/api/v1/nodes/{a.NodeId}/heartbeat", new NodeHeartbeatRequest(null, [], [],
            [new VersionMetricsDto("edge-hello", "1.0.0", 40, 2, 0, 0, new LatencyHistogramDto([1], [0, 40], 1), new LatencySamplesDto(2, [1000, 2000]))]));
        // A sketch of another bucket width, and one whose buckets are not in order: neither can be added up.
        await odd.PostAsJsonAsync($"/api/v1/nodes/{b.NodeId}/heartbeat", new NodeHeartbeatRequest(null, [], [],
            [new VersionMetricsDto("edge-hello", "1.0.0", 10, 0, 0, 0, new LatencyHistogramDto([1], [0, 10], 1), LatencySamplesDto.Empty,
                Sketch: new LatencySketchDto(1.1, [10], [10]))]));

        var metrics = Assert.Single(await alice.ServiceMetricsAsync("edge-hello"));
        Assert.Equal((50L, 2L, (double?)null), (metrics.Requests, metrics.Errors, metrics.P50Ms));
        Assert.Equal(["edge-odd", "edge-old"], metrics.Nodes);

        await odd.PostAsJsonAsync($"/api/v1/nodes/{b.NodeId}/heartbeat", new NodeHeartbeatRequest(null, [], [],
            [new VersionMetricsDto("edge-hello", "1.0.0", 12, 0, 0, 0, new LatencyHistogramDto([1], [0, 12], 1), LatencySamplesDto.Empty,
                Sketch: new LatencySketchDto(LatencySketchDto.StandardGamma, [200, 100], [6, 6]))]));
        Assert.Null(Assert.Single(await alice.ServiceMetricsAsync("edge-hello")).P50Ms);
    }

    [Fact]
    public async Task DesiredState_OtherNodesId_Forbidden()
    {
        var (http, _) = await EnrolAsync("edge-a");
        var (_, other) = await EnrolAsync("edge-b");
        var response = await http.GetAsync($"/api/v1/nodes/{other.NodeId}/desired-state");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task NodeToken_CannotUseDeveloperEndpoints()
    {
        var (http, _) = await EnrolAsync();
        var response = await http.GetAsync("/api/v1/services");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
