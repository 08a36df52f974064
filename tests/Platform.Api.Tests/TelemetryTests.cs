using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Platform.Api.Tests.Support;
using Platform.Application;
using Platform.Client;
using Platform.Contracts.Nodes;
using Platform.Contracts.Services;
using Platform.Testing;
using Platform.Testing.Otlp;

namespace Platform.Api.Tests;

/// <summary>
/// OpenTelemetry: with an OTLP endpoint configured the API exports its traces, metrics and logs there; its metrics are
/// scraped at /metrics in the Prometheus format, and the fleet dashboard in the repository asks only for names that exist.
/// </summary>
public sealed class TelemetryTests(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task Requests_OtlpEndpointSet_TracesWithResourceAndDatabaseSpansExported()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var host = Api.WithSettings(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.Endpoint),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_BSP_SCHEDULE_DELAY", "100"),
            ("OTEL_BLRP_SCHEDULE_DELAY", "100"),
            ("OTEL_METRIC_EXPORT_INTERVAL", "200"));
        using var http = host.CreateClient();

        using var teams = await http.GetAsync("/api/v1/templates");
        using var health = await http.GetAsync("/readyz");

        await WaitUntilAsync(() => receiver.Received("traces", "platform-api", "GET /api/v1/templates"));
        Assert.True(receiver.Received("traces", "service.instance.id", "deployment.environment.name"));
        // The database calls of the request are spans of the same trace (Npgsql).
        Assert.True(receiver.Received("traces", "platform-api", "postgresql"));
        // Probes are not traced.
        Assert.False(receiver.Received("traces", "/readyz"));
        await WaitUntilAsync(() => receiver.Received("metrics", "platform-api", "http.server.request.duration"));
    }

    [Fact]
    public async Task DesiredState_DeploymentWrittenInATrace_EveryEntryCarriesTheTraceContext_UntracedOnesCarryNone()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("traced", "payments"));
        await alice.PublishVersionAsync("traced", "1.0.0", Components.Hello, null);
        await alice.PublishVersionAsync("traced", "1.1.0", Components.Hello, null);
        await Api.DeployAsync("traced", "1.0.0");
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west");
        var untraced = await (await node.DesiredStateAsync()).Content.ReadAsStringAsync();
        const string pass = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        await Api.SplitAsync("traced", "1.1.0", 20, withBaseline: true, traceParent: pass);
        var traced = await node.DesiredStateDtoAsync();

        // Left off the wire when nothing was traced, so nodes of an older release read the state as before.
        Assert.DoesNotContain("traceParent", untraced, StringComparison.OrdinalIgnoreCase);
        var versions = Assert.Single(traced.Services).Versions;
        Assert.Equal([("1.0.0", VersionRole.Serving), ("1.1.0", VersionRole.Serving), ("1.0.0", VersionRole.Baseline)], versions.Select(v => (v.Version, v.Role)));
        Assert.All(versions, v => Assert.Equal((pass, "platform=1"), (v.TraceParent, v.TraceState)));
    }

    [Fact]
    public async Task BuildAndRollout_RequestedInATrace_KeepItsTraceId_ForThePortalsLink()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var host = Api.WithSettings([.. receiver.ExporterSettings.Select(s => (s.Key, s.Value))]);
        const string trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        var http = host.CreateClient();
        http.DefaultRequestHeaders.Add("traceparent", $"00-{trace}-00f067aa0ba902b7-01");
        var traced = new PlatformClient(http);
        traced = traced.WithToken((await traced.SignInAsync("alice", "platform-demo")).Token);

        var created = await traced.CreateServiceAsync(new CreateServiceRequest("traced-build", "payments", "http-json-c", null, "Traced",
            new Dictionary<string, string?> { ["greeting"] = "Hello" }));
        await traced.PublishVersionAsync("traced-build", "1.0.0", Components.Hello, null);
        var rollout = await traced.StartRolloutAsync("traced-build", "1.0.0");

        Assert.Equal(trace, created.Build!.TraceId);
        Assert.Equal(trace, Assert.Single(await traced.BuildsAsync("traced-build")).TraceId);
        Assert.Equal(trace, rollout.TraceId);
        // The link leads somewhere: the API exported its part of that trace.
        await WaitUntilAsync(() => receiver.Trace(trace).Any(s => s.Service == "platform-api"));

    }

    [Fact]
    public void TraceIds_OnlyARecordedActivity_GivesATraceToLinkTo()
    {
        Assert.Null(Activity.Current);
        Assert.Null(TraceIds.Current());
        using var activity = new Activity("unrecorded").Start();
        Assert.Null(TraceIds.Current());
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        Assert.Equal(activity.TraceId.ToHexString(), TraceIds.Current());
    }

    [Fact]
    public async Task Metrics_Scrape_PrometheusTextWithSemanticConventionNames_NoCredentialsNeeded()
    {
        // A host of its own: meters of hosts that came and went in this test process do not blur the scrape.
        await using var host = Api.WithSettings(("Telemetry:Prometheus", "true"));
        using var http = host.CreateClient();
        using var templates = await http.GetAsync("/api/v1/templates");

        var (status, type, text) = await ScrapeAsync(http);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("text/plain", type);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Matches(new Regex("http_server_request_duration_seconds_bucket\\{[^}]*http_route=\"/api/v1/templates/?\""), text);
        Assert.Contains("dotnet_process_memory_working_set_bytes", text);
        // The resource (service name and instance) rides along as target_info.
        Assert.Matches(new Regex("target_info\\{[^}]*service_name=\"platform-api\""), text);
    }

    [Fact]
    public async Task Dashboard_ControlPlaneQueries_UseOnlyMetricNamesTheApiServes()
    {
        await using var host = Api.WithSettings(("Telemetry:Prometheus", "true"));
        using var http = host.CreateClient();
        using var templates = await http.GetAsync("/api/v1/templates");
        var (_, _, text) = await ScrapeAsync(http);
        var served = Regex.Matches(text, "^([a-z_]+)(?:\\{| )", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var wanted = FleetDashboard.MetricNames().Where(n => n.StartsWith("http_", StringComparison.Ordinal) || n.StartsWith("dotnet_", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(wanted);
        Assert.All(wanted, name => Assert.Contains(name, served));
    }

    /// <summary>
    /// Scrapes until the request to /api/v1/templates made before is in it: the exporter answers a scrape from a copy
    /// it keeps for a moment, which may be older than that request.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string ContentType, string Text)> ScrapeAsync(HttpClient http)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            using var response = await http.GetAsync("/metrics");
            var text = await response.Content.ReadAsStringAsync();
            if (text.Contains("/api/v1/templates", StringComparison.Ordinal) || timeout.IsCancellationRequested)
            {
                return (response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", text);
            }
            await Task.Delay(100);
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition) => Poll.UntilAsync(condition, TimeSpan.FromSeconds(30), "The export");
}
