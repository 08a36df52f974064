using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.Telemetry;

/// <summary>
/// The one OpenTelemetry setup every Platform process shares: traces (ASP.NET Core, HttpClient, Npgsql and the
/// platform's own <see cref="ActivitySource"/>s named "Platform.*"), metrics (ASP.NET Core, HttpClient, .NET runtime,
/// Npgsql and the platform's own meters) and logs, with the resource attributes service.name, service.version,
/// service.instance.id and deployment.environment. Metrics are scraped in the Prometheus format at <c>/metrics</c>
/// (<see cref="MapPlatformMetrics"/>; names as OpenTelemetry's semantic conventions give them, e.g.
/// <c>http_server_request_duration_seconds</c>), unless <c>Telemetry:Prometheus</c> is false. Everything is exported
/// over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard OTEL_* variables choose protocol, headers and
/// so on); without it no tracing or log export is set up, so a process that exports nowhere pays nothing per request
/// for them. Health probes and scrapes are not traced.
/// </summary>
public static class PlatformTelemetry
{
    /// <summary>Prefix of every ActivitySource and Meter the platform's own code creates.</summary>
    public const string SourcePrefix = "Platform.";

    private static readonly string[] UntracedPaths = ["/healthz", "/livez", "/readyz", "/metrics"];

    /// <param name="serviceName">The process's service.name, e.g. "platform-api".</param>
    /// <param name="instanceId">service.instance.id (an edge node's name); the machine name when null.</param>
    /// <param name="scrape">
    /// Whether the process serves <c>/metrics</c> from OpenTelemetry (overridden by <c>Telemetry:Prometheus</c>); an edge
    /// node serves its own families there and keeps its request path free of per-request aggregation.
    /// </param>
    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder, string serviceName, string? instanceId = null, bool scrape = true)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheus = builder.Configuration.GetValue("Telemetry:Prometheus", scrape);
        if (!otlp && !prometheus)
        {
            return builder;
        }
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(serviceName, serviceNamespace: "platform", serviceVersion: version,
                    serviceInstanceId: instanceId ?? Environment.MachineName)
                .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(SourcePrefix + "*")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (prometheus)
        {
            builder.Services.AddSingleton<PrometheusScrape>();
        }
        if (otlp)
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(SourcePrefix + "*")
                    // Blazor's own spans (a circuit's route changes and browser events): a click in the portal starts its trace.
                    .AddSource("Microsoft.AspNetCore.Components")
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql())
                .WithLogging(configureBuilder: null, configureOptions: logging =>
                {
                    logging.IncludeFormattedMessage = true;
                    logging.IncludeScopes = true;
                })
                .UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>
    /// Serves the process's metrics at <c>/metrics</c> in the Prometheus text format, without authentication (like the
    /// health probes: what is there is counts and durations, never a tenant's data), when <see cref="AddPlatformTelemetry"/>
    /// set the scrape up.
    /// </summary>
    public static WebApplication MapPlatformMetrics(this WebApplication app)
    {
        if (app.Services.GetService<PrometheusScrape>() is not null)
        {
            app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        }
        return app;
    }

    /// <summary>Marks that the Prometheus exporter is set up.</summary>
    private sealed class PrometheusScrape;

    private static bool IsProbe(PathString path) =>
        UntracedPaths.Any(probe => path.Equals(probe, StringComparison.OrdinalIgnoreCase));
}
