using System.Diagnostics;
using System.Reflection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.Cli;

/// <summary>
/// With an OTLP endpoint (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or <see cref="CliEnvironment.OtlpEndpoint"/>) a command
/// is one span, "platform &lt;command&gt;" of service <c>platform-cli</c>, under the invocation's trace
/// (<see cref="CliTrace"/>: the pipeline's TRACEPARENT or a new one), with a client span per API call that carries
/// the context on; it is exported before the command returns. Without one nothing is recorded and
/// <see cref="CliTrace"/> alone carries the context.
/// </summary>
public sealed class CliTelemetry : IDisposable
{
    public static readonly ActivitySource Source = new("Platform.Cli");

    private readonly TracerProvider? _provider;
    private readonly Activity? _command;

    private CliTelemetry(TracerProvider? provider, Activity? command)
    {
        _provider = provider;
        _command = command;
    }

    public static CliTelemetry Start(string command, CliContext cli)
    {
        if (cli.Environment.OtlpEndpoint is not { Length: > 0 } endpoint || !Uri.TryCreate(endpoint, UriKind.Absolute, out var baseUri))
            return new CliTelemetry(null, null);
        var version = typeof(CliTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var provider = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(r => r.AddService("platform-cli", serviceNamespace: "platform", serviceVersion: version))
            .AddSource(Source.Name)
            .AddHttpClientInstrumentation()
            .AddOtlpExporter(o =>
            {
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                o.Endpoint = new Uri(baseUri, baseUri.AbsolutePath.TrimEnd('/') + "/v1/traces");
                o.ExportProcessorType = ExportProcessorType.Simple;
            })
            .Build();
        var parent = ActivityContext.Parse(cli.Trace.TraceParent, null);
        var activity = Source.StartActivity($"platform {command}", ActivityKind.Client, parent);
        activity?.SetTag("platform.cli.command", command);
        activity?.SetTag("platform.api", cli.ApiUrl);
        return new CliTelemetry(provider, activity);
    }

    /// <summary>Marks the command failed (the span's status), with the reason shown to the user.</summary>
    public void Failed(string reason) => _command?.SetStatus(ActivityStatusCode.Error, reason);

    public void Dispose()
    {
        _command?.Dispose();
        _provider?.ForceFlush(5000);
        _provider?.Dispose();
    }
}
