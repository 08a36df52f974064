using System.Collections.Concurrent;
using System.Text;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Testing.Otlp.Proto;

namespace Platform.Testing.Otlp;

/// <summary>
/// An OTLP/HTTP receiver on a loopback port, what a trace viewer or collector would be: it answers the exports of
/// real processes (<c>POST /v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>, protobuf bodies), decodes spans and
/// log records (<c>otlp.proto</c>, the protocol's field numbers) and keeps every export's bytes as well, so a test can
/// follow one trace id across processes or look for a string in a signal. A body it cannot decode is answered 400.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _exports = new();
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<ReceivedLog> _logs = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base URL to give as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public string Endpoint => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>
    /// The settings that point a process at this receiver, exporting spans and logs within a fraction of a second (metrics
    /// at the exporter's own interval: a test that waits for them sets <c>OTEL_METRIC_EXPORT_INTERVAL</c> itself).
    /// </summary>
    public IReadOnlyDictionary<string, string> ExporterSettings => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
    };

    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    public IReadOnlyList<ReceivedLog> Logs => [.. _logs];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            try
            {
                receiver.Decode(signal, body);
            }
            catch (InvalidProtocolBufferException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
            }
            receiver._exports.Enqueue((signal, body));
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>True when an export of <paramref name="signal"/> ("traces", "metrics", "logs") holds every one of the strings.</summary>
    public bool Received(string signal, params string[] strings) =>
        _exports.Any(e => e.Signal == signal && strings.All(s => e.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(s)) >= 0));

    /// <summary>Every span received of the trace <paramref name="traceId"/>.</summary>
    public IReadOnlyList<ReceivedSpan> Trace(string traceId) => _spans.Where(s => s.TraceId == traceId).ToList();

    private void Decode(string signal, byte[] body)
    {
        if (signal == "traces")
        {
            foreach (var resource in ExportTraceServiceRequest.Parser.ParseFrom(body).ResourceSpans)
            {
                var (service, instance) = Identify(resource.Resource);
                foreach (var span in resource.ScopeSpans.SelectMany(s => s.Spans))
                {
                    _spans.Enqueue(new ReceivedSpan(Hex(span.TraceId), Hex(span.SpanId), span.ParentSpanId.IsEmpty ? null : Hex(span.ParentSpanId),
                        span.Name, service, instance, Attributes(span.Attributes),
                        span.Events.Select(e => new ReceivedEvent(e.Name, Attributes(e.Attributes))).ToList(),
                        span.Status?.Code == Status.Types.StatusCode.Error, span.Status?.Message ?? ""));
                }
            }
        }
        else if (signal == "logs")
        {
            foreach (var resource in ExportLogsServiceRequest.Parser.ParseFrom(body).ResourceLogs)
            {
                var (service, instance) = Identify(resource.Resource);
                foreach (var log in resource.ScopeLogs.SelectMany(s => s.LogRecords))
                {
                    _logs.Enqueue(new ReceivedLog(Hex(log.TraceId), Hex(log.SpanId), service, instance, Text(log.Body), Attributes(log.Attributes)));
                }
            }
        }
    }

    private static (string Service, string? Instance) Identify(Resource? resource)
    {
        var attributes = Attributes(resource?.Attributes ?? []);
        return (attributes.GetValueOrDefault("service.name", ""), attributes.GetValueOrDefault("service.instance.id"));
    }

    private static Dictionary<string, string> Attributes(IEnumerable<KeyValue> attributes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in attributes) result[attribute.Key] = Text(attribute.Value);
        return result;
    }

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => string.Join(",", value.ArrayValue.Values.Select(Text)),
        AnyValue.ValueOneofCase.BytesValue => Hex(value.BytesValue),
        AnyValue.ValueOneofCase.KvlistValue => string.Join(",", value.KvlistValue.Values.Select(kv => $"{kv.Key}={Text(kv.Value)}")),
        _ => "",
    };

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
