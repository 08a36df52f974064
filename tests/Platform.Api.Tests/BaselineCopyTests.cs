using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Nodes;
using Platform.Contracts.Services;
using Platform.Testing;

namespace Platform.Api.Tests;

/// <summary>
/// The baseline copy of stable on the control plane: placed beside an analysed canary with the canary's weight, its
/// reports kept apart from stable's and shown as such, and refused from a node it is not placed on.
/// </summary>
public sealed class BaselineCopyTests(ApiFactory api) : ApiTest(api)
{
    private async Task<(HttpClient Client, EnrolNodeResponse Node)> EnrolAsync(string name)
    {
        var http = Api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.EnrolmentToken);
        var response = await http.PostAsJsonAsync("/api/v1/nodes/enrol", new EnrolNodeRequest(name, "eu-west", "http://127.0.0.1:9999"));
        response.EnsureSuccessStatusCode();
        var node = (await response.Content.ReadFromJsonAsync<EnrolNodeResponse>())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.NodeToken);
        return (http, node);
    }

    private async Task<PlatformClient> ServiceWithTwoVersionsAsync()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("edge-hello", "payments"));
        await alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Hello, null);
        await alice.PublishVersionAsync("edge-hello", "1.1.0", Components.Hello, null);
        await Api.DeployAsync("edge-hello", "1.0.0");
        return alice;
    }

    private static VersionMetricsDto Report(string version, long requests, long errors, VersionRole role = VersionRole.Serving) =>
        new("edge-hello", version, requests, errors, 0, 0, new LatencyHistogramDto([1], [0, requests], 1), LatencySamplesDto.Empty,
            Sketch: NodeTests.Sketch(1000, 2000), Role: role);

    [Fact]
    public async Task DesiredState_AnalysedCanary_BaselineCopyOfStableTakesTheCanarysWeightFromStable()
    {
        await ServiceWithTwoVersionsAsync();
        await Api.SplitAsync("edge-hello", "1.1.0", 20, withBaseline: true);
        var (http, node) = await EnrolAsync("edge-a");

        var raw = (await http.GetFromJsonAsync<JsonObject>($"/api/v1/nodes/{node.NodeId}/desired-state"))!;
        var state = raw.Deserialize<NodeDesiredStateDto>(JsonSerializerOptions.Web)!;

        var versions = Assert.Single(state.Services).Versions;
        Assert.Equal([("1.0.0", 60, VersionRole.Serving), ("1.1.0", 20, VersionRole.Serving), ("1.0.0", 20, VersionRole.Baseline)],
            versions.Select(v => (v.Version, v.Weight, v.Role)));
        Assert.Equal(versions[0].Digest, versions[2].Digest);
        // The version itself carries no role on the wire (nodes of the previous release read it as before); the copy says what it is.
        var wire = raw["services"]![0]!["versions"]!.AsArray();
        Assert.Null(wire[0]!["role"]);
        Assert.Equal("Baseline", wire[2]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task DesiredState_WeightZeroOrNoAnalysis_NoBaselineCopy()
    {
        await ServiceWithTwoVersionsAsync();
        var (http, node) = await EnrolAsync("edge-a");

        await Api.SplitAsync("edge-hello", "1.1.0", 0, withBaseline: true);
        var atZero = (await http.GetFromJsonAsync<NodeDesiredStateDto>($"/api/v1/nodes/{node.NodeId}/desired-state"))!;
        await Api.SplitAsync("edge-hello", "1.1.0", 20, withBaseline: false);
        var withoutAnalysis = (await http.GetFromJsonAsync<NodeDesiredStateDto>($"/api/v1/nodes/{node.NodeId}/desired-state"))!;

        Assert.Equal([("1.0.0", 100), ("1.1.0", 0)], Assert.Single(atZero.Services).Versions.Select(v => (v.Version, v.Weight)));
        Assert.Equal([("1.0.0", 80), ("1.1.0", 20)], Assert.Single(withoutAnalysis.Services).Versions.Select(v => (v.Version, v.Weight)));
        Assert.All(withoutAnalysis.Services.Concat(atZero.Services).SelectMany(s => s.Versions), v => Assert.Equal(VersionRole.Serving, v.Role));
    }

    [Fact]
    public async Task Heartbeat_BaselineCopyReports_KeptApartFromStableAndShownAsBaseline()
    {
        var alice = await ServiceWithTwoVersionsAsync();
        await Api.SplitAsync("edge-hello", "1.1.0", 20, withBaseline: true);
        var (http, node) = await EnrolAsync("edge-a");

        await http.PostAsJsonAsync($"/api/v1/nodes/{node.NodeId}/heartbeat", new NodeHeartbeatRequest(null, [], [],
            [Report("1.0.0", 60, 0), Report("1.1.0", 20, 1), Report("1.0.0", 21, 2, VersionRole.Baseline)]));

        var stored = await Api.QueryNodeMetricsAsync("edge-a");
        Assert.Equal([("1.0.0", false, 60L), ("1.0.0", true, 21L), ("1.1.0", false, 20L)],
            stored.Select(m => (m.Version, m.Baseline, m.Requests)).OrderBy(m => m.Version).ThenBy(m => m.Baseline));
        var metrics = await alice.ServiceMetricsAsync("edge-hello");
        Assert.Equal([("1.0.0", 60L), ("baseline (copy of 1.0.0)", 21L), ("1.1.0", 20L)], metrics.Select(m => (m.Label, m.Requests)));
        Assert.Equal([false, true, false], metrics.Select(m => m.Baseline));
    }

    [Fact]
    public async Task Heartbeat_BaselineReportsWhereNoBaselineIsPlaced_DroppedLikeAnySpoofedMetric()
    {
        var alice = await ServiceWithTwoVersionsAsync();
        await Api.SplitAsync("edge-hello", "1.1.0", 20, withBaseline: false);
        var (http, node) = await EnrolAsync("edge-a");

        // No baseline runs (the rollout does not analyse), and a "baseline" of the canary is never placed anywhere.
        await http.PostAsJsonAsync($"/api/v1/nodes/{node.NodeId}/heartbeat", new NodeHeartbeatRequest(null, [], [],
            [Report("1.0.0", 80, 0), Report("1.1.0", 20, 0), Report("1.0.0", 500, 500, VersionRole.Baseline), Report("1.1.0", 500, 0, VersionRole.Baseline)]));
        var stored = await Api.QueryNodeMetricsAsync("edge-a");
        await Api.SplitAsync("edge-hello", "1.1.0", 20, withBaseline: true);
        await http.PostAsJsonAsync($"/api/v1/nodes/{node.NodeId}/heartbeat", new NodeHeartbeatRequest(null, [], [],
            [Report("1.0.0", 80, 0), Report("1.1.0", 20, 0), Report("1.1.0", 500, 0, VersionRole.Baseline)]));
        var storedWithBaselinePlaced = await Api.QueryNodeMetricsAsync("edge-a");

        Assert.Equal([("1.0.0", 80L), ("1.1.0", 20L)], stored.Select(m => (m.Version, m.Requests)));
        Assert.DoesNotContain(stored, m => m.Baseline);
        Assert.DoesNotContain(storedWithBaselinePlaced, m => m.Baseline);
        Assert.Equal(["1.0.0", "1.1.0"], (await alice.ServiceMetricsAsync("edge-hello")).Select(m => m.Label));
    }
}
