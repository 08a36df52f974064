using System.Net;
using System.Text.Json;
using Platform.Contracts.Services;
using Platform.EndToEnd.Tests.Support;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>The golden path through the REST API alone, against the real processes.</summary>
[Collection(StackCollection.Name)]
public sealed class GoldenPathTests(PlatformStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task TemplateToEdge_CreateServiceThroughApi_EveryEdgeNodeAnswersWithRenderedGreeting()
    {
        var alice = await stack.SignInAsync("alice");
        var created = await alice.CreateServiceAsync(new CreateServiceRequest("greeter", "payments", "http-json-c", null, "E2E greeter",
            new Dictionary<string, string?> { ["greeting"] = "Hello from the golden path" }));

        var build = await Eventually.UntilAsync(() => alice.BuildAsync(created.Build!.Id), b => b.Status is "succeeded" or "failed", Patience, "the first build");
        Assert.True(build.Status == "succeeded", (await alice.BuildLogAsync(build.Id)).Text);
        var rollouts = await Eventually.UntilAsync(() => alice.RolloutsAsync("greeter"),
            r => r.Count == 1 && r[0].Phase is "succeeded" or "failed", Patience, "the first rollout");
        Assert.Equal("succeeded", rollouts[0].Phase);
        var service = await alice.ServiceAsync("greeter");
        Assert.Equal("0.1.0", service.Deployment!.StableVersion);
        Assert.Equal(stack.EdgeUrls.Count, service.Urls.Count);

        using var http = new HttpClient();
        foreach (var url in service.Urls)
        {
            var response = await http.GetAsync(url + "/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("0.1.0", response.Headers.GetValues("x-platform-version").Single());
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("greeter", json.RootElement.GetProperty("service").GetString());
            Assert.Equal("Hello from the golden path", json.RootElement.GetProperty("message").GetString());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/healthz")).StatusCode);
        }
        // Each node reports what it served in its next heartbeat: two requests per node.
        var metrics = await Eventually.UntilAsync(() => alice.ServiceMetricsAsync("greeter"),
            m => m.Count == 1 && m[0].Requests >= 2 * stack.EdgeUrls.Count, Patience, "traffic reaching the service metrics");
        Assert.Equal(("0.1.0", 0L), (metrics[0].Version, metrics[0].Errors));
        Assert.NotNull(metrics[0].P50Ms);
    }

    [Fact]
    public async Task PublishBuiltElsewhere_RolloutThroughApi_EdgeServesIt()
    {
        var alice = await stack.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("outside", "payments"));
        await alice.PublishVersionAsync("outside", "2.0.0", WasmBuilder.BuildTestComponent("hello"), "name = \"outside\"\n");
        var rollout = await alice.StartRolloutAsync("outside", "2.0.0");

        var done = await Eventually.UntilAsync(() => alice.RolloutAsync(rollout.Id), r => r.Phase is "succeeded" or "failed", Patience, "the rollout");
        Assert.Equal("succeeded", done.Phase);

        using var http = new HttpClient();
        foreach (var edge in stack.EdgeUrls)
        {
            var body = await http.GetStringAsync(edge + "/outside/ping");
            Assert.Equal("hello from /outside/ping", body);
        }
    }

    [Fact]
    public async Task SecretVariable_SetThroughApi_ReachesTheComponentOnEveryNode()
    {
        var alice = await stack.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("configured", "payments"));
        await alice.PublishVersionAsync("configured", "1.0.0", WasmBuilder.BuildTestComponent("config"),
            "name = \"configured\"\n[variables]\ngreeting = { secret = true, required = true }\n");
        await alice.SetVariableAsync("configured", "greeting", "hello from a secret");
        var rollout = await alice.StartRolloutAsync("configured", "1.0.0");
        // A first version that declares a variable waits for a platform admin before it is placed.
        Assert.Equal(["greeting"], rollout.NewCapabilities!.Variables);
        await (await stack.SignInAsync("admin")).ApproveRolloutAsync(rollout.Id);

        var done = await Eventually.UntilAsync(() => alice.RolloutAsync(rollout.Id), r => r.Phase is "succeeded" or "failed", Patience, "the rollout");
        Assert.Equal("succeeded", done.Phase);
        using var http = new HttpClient();
        foreach (var edge in stack.EdgeUrls)
            Assert.Equal("hello from a secret", await http.GetStringAsync(edge + "/configured"));
    }

    [Fact]
    public void Migrator_ExportsItsRunAsOneTrace_TheSchemaChangesUnderIt()
    {
        // The migrator ran before the stack started, exporting to the stack's receiver, and flushed before it exited.
        var run = Assert.Single(stack.Telemetry.Spans, s => s.Service == "platform-migrator" && s.Name == "migrate");
        Assert.Null(run.ParentSpanId);
        Assert.False(run.IsError, run.StatusMessage);
        Assert.Contains(stack.Telemetry.Trace(run.TraceId), s => s.Service == "platform-migrator" && s.ParentSpanId == run.SpanId);
    }

    [Fact]
    public async Task Metrics_EveryHostServesAScrape_DeployerCountsTheFinishedRollout_EdgeCountsTheService()
    {
        var alice = await stack.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("scraped", "payments"));
        await alice.PublishVersionAsync("scraped", "1.0.0", WasmBuilder.BuildTestComponent("hello"), "name = \"scraped\"\n");
        var rollout = await alice.StartRolloutAsync("scraped", "1.0.0");
        var done = await Eventually.UntilAsync(() => alice.RolloutAsync(rollout.Id), r => r.Phase is "succeeded" or "failed", Patience, "the rollout");
        Assert.Equal("succeeded", done.Phase);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(stack.EdgeUrls[0] + "/scraped/")).StatusCode);

        // No credentials: like the probes. Each scrape may come from a copy the exporter keeps for a moment.
        var deployer = await Eventually.UntilAsync(() => http.GetStringAsync(stack.DeployerUrl + "/metrics"),
            text => text.Contains("platform_rollouts_completed_total{", StringComparison.Ordinal), Patience, "the Deployer counting the rollout");
        var api = await Eventually.UntilAsync(() => http.GetStringAsync(stack.ApiUrl + "/metrics"),
            text => text.Contains("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal), Patience, "the API's request metrics");
        var portal = await Eventually.UntilAsync(() => http.GetStringAsync(stack.PortalUrl + "/metrics"),
            text => text.Contains("dotnet_process_memory_working_set_bytes", StringComparison.Ordinal), Patience, "the portal's runtime metrics");
        var edge = await http.GetStringAsync(stack.EdgeUrls[0] + "/metrics");

        Assert.Contains("outcome=\"succeeded\"", deployer);
        Assert.Contains("platform_rollout_duration_seconds_bucket{", deployer);
        Assert.Contains("service_name=\"platform-api\"", api);
        Assert.Contains("service_name=\"platform-portal\"", portal);
        Assert.Contains("platform_edge_requests_total{service=\"scraped\",version=\"1.0.0\"}", edge);
    }
}
