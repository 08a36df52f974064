using Platform.Telemetry;
using Microsoft.Extensions.Options;
using Platform.EdgeNode.Agent;
using Platform.EdgeNode.Configuration;
using Platform.EdgeNode.Events;
using Platform.EdgeNode.ControlPlane;
using Platform.EdgeNode.Ingress;
using Platform.EdgeNode.Routing;
using Platform.EdgeRuntime.Capabilities;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Events;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Hosting;
using Platform.EdgeRuntime.KeyValue;
using Platform.EdgeRuntime.Metrics;
using Platform.EdgeRuntime.Scheduling;

var builder = WebApplication.CreateBuilder(args);

// The node serves its own families at /metrics (per service and version); OpenTelemetry exports over OTLP when configured.
builder.AddPlatformTelemetry("platform-edge", builder.Configuration["Node:Name"], scrape: false);
builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
// ASP.NET Core's hosting starts an Activity and a log scope for every request whenever its category logs at any level, for
// log lines the node does not write (request start and end are Information; the ingress logs its own failures with the
// request id). On the request path that is an allocation-heavy step per request, so the category is off unless configured
// (Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics); with OTLP tracing on, the instrumentation still starts the activity.
const string hostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";
builder.Services.AddOptions<LoggerFilterOptions>().Configure<IConfiguration>((filters, configuration) =>
{
    if (configuration[$"Logging:LogLevel:{hostingDiagnostics}"] is null)
    {
        filters.Rules.Add(new LoggerFilterRule(providerName: null, hostingDiagnostics, LogLevel.None, filter: null));
    }
});

builder.Services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<ControlPlaneOptions>().BindConfiguration(ControlPlaneOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<EdgeEngineOptions>().BindConfiguration("Edge:Engine");
builder.Services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section);
builder.Services.AddProblemDetails();

builder.Services.AddSingleton(sp => new EdgeEngine(sp.GetRequiredService<IOptions<EdgeEngineOptions>>().Value));
builder.Services.AddSingleton(sp => new ComponentCache(sp.GetRequiredService<EdgeEngine>(),
    Path.Combine(sp.GetRequiredService<IOptions<NodeOptions>>().Value.DataDir, "cache"),
    sp.GetRequiredService<ILogger<ComponentCache>>()));
builder.Services.AddSingleton(sp => new ModuleCache(sp.GetRequiredService<EdgeEngine>(),
    Path.Combine(sp.GetRequiredService<IOptions<NodeOptions>>().Value.DataDir, "cache"),
    sp.GetRequiredService<ILogger<ModuleCache>>()));
builder.Services.AddSingleton(sp => new KeyValueStoreProvider(sp.GetRequiredService<IOptions<NodeOptions>>().Value.DataDir));
// Redirects are not followed: a redirect target is a new request the allow-list must judge. Every connection goes
// to an address checked against the network policy (loopback, private, metadata... only where admins allow).
builder.Services.AddSingleton<OutboundNetworkPolicy>();
builder.Services.AddHttpClient("outbound", c => c.MaxResponseContentBufferSize = 4 << 20)
    .ConfigurePrimaryHttpMessageHandler(sp => new OutboundConnector(sp.GetRequiredService<OutboundNetworkPolicy>()).CreateHandler());
// With a broker (Nats:Url) the node consumes its services' triggers and lets components publish; without one it serves HTTP only.
builder.Services.AddOptions<NatsOptions>().BindConfiguration(NatsOptions.Section);
builder.Services.AddSingleton<NodeBroker>();
builder.Services.AddSingleton<EventConsumers>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<EventConsumers>());
builder.Services.AddSingleton<TopicSchemaBook>();
builder.Services.AddSingleton(sp => new VersionLoader(sp.GetRequiredService<EdgeEngine>(), sp.GetRequiredService<KeyValueStoreProvider>(),
    sp.GetRequiredService<IHttpClientFactory>().CreateClient("outbound"), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<NodeBroker>().Publisher,
    sp.GetRequiredService<TopicSchemaBook>(), new Residency(sp.GetRequiredService<IOptions<EdgeEngineOptions>>().Value.MaxResidentVersions)));
builder.Services.AddSingleton<EdgeMetrics>();
builder.Services.AddSingleton(sp => new RequestExecutor(sp.GetRequiredService<EdgeMetrics>(), sp.GetRequiredService<ILogger<RequestExecutor>>()));
builder.Services.AddSingleton(sp => new GuestScheduler(sp.GetRequiredService<RequestExecutor>(), sp.GetRequiredService<EdgeMetrics>(),
    sp.GetRequiredService<IOptions<SchedulerOptions>>().Value, TimeProvider.System, sp.GetRequiredService<ILogger<GuestScheduler>>()));
builder.Services.AddSingleton<RoutingTable>();
builder.Services.AddSingleton<IngressEndpoint>();
builder.Services.AddSingleton<NodeStatus>();
builder.Services.AddSingleton<NodeIdentityStore>();
builder.Services.AddSingleton<DesiredStateReconciler>();
builder.Services.AddSingleton<PlacementTrace>();
builder.Services.AddHttpClient<ControlPlaneClient>((sp, http) =>
{
    var url = sp.GetRequiredService<IOptions<ControlPlaneOptions>>().Value.Url!;
    http.BaseAddress = new Uri(url.ToString().TrimEnd('/') + "/");
    http.Timeout = TimeSpan.FromSeconds(30);
});
builder.Services.AddSingleton<NodeAgent>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<NodeAgent>());

var app = builder.Build();
// The ingress takes every request but the node's own endpoints on the shared host; routing (called here, after it, so
// that it is not added in front) serves those.
app.UseIngress();
app.UseRouting();

app.MapGet("/healthz", (NodeAgent agent, NodeStatus status, RoutingTable table, VersionLoader loader) => Results.Ok(new
{
    status = "ok",
    nodeId = agent.NodeId,
    appliedRevision = status.AppliedRevision,
    services = table.Routes.Count,
    failedVersions = status.Current.Failed.Count,
    residentVersions = loader.Residency.Resident,
}));
app.MapGet("/metrics", (EdgeMetrics metrics, VersionLoader loader) =>
    Results.Text(PrometheusFormatter.Format(metrics.Snapshot(), metrics.ServiceSnapshot()) + PrometheusFormatter.Format(loader.Residency),
        PrometheusFormatter.ContentType));

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
