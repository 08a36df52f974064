using System.Diagnostics;
using System.Reflection;
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
/// service.instance.id and deployment.environment. Everything is exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard OTEL_* variables choose protocol, headers and so on);
/// without it nothing is set up at all, so a process that exports nowhere pays nothing per request (an edge node's
/// request path is measured in microseconds). Health probes and scrapes are not traced.
/// </summary>
public static class PlatformTelemetry
{
    /// <summary>Prefix of every ActivitySource and Meter the platform's own code creates.</summary>
    public const string SourcePrefix = "Platform.";

    private static readonly string[] UntracedPaths = ["/healthz", "/livez", "/readyz", "/metrics"];

    /// <param name="serviceName">The process's service.name, e.g. "platform-api".</param>
    /// <param name="instanceId">service.instance.id (an edge node's name); the machine name when null.</param>
    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder, string serviceName, string? instanceId = null)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(serviceName, serviceNamespace: "platform", serviceVersion: version,
                    serviceInstanceId: instanceId ?? Environment.MachineName)
                .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]))
            .WithTracing(tracing => tracing
                .AddSource(SourcePrefix + "*")
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(SourcePrefix + "*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            })
            .UseOtlpExporter();
        return builder;
    }

    private static bool IsProbe(PathString path) =>
        UntracedPaths.Any(probe => path.Equals(probe, StringComparison.OrdinalIgnoreCase));
}
