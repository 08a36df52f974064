using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

/// <summary>OpenTelemetry: with an OTLP endpoint configured the API exports its traces, metrics and logs there.</summary>
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

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
