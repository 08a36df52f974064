using System.Net;
using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Platform.Application.Templates;
using Platform.Contracts.Nodes;
using Platform.Contracts.Topics;
using Platform.Domain;
using Platform.Domain.Manifests;
using Platform.Domain.Templates;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Tests.Support;
using Platform.Testing;

namespace Platform.EdgeRuntime.Tests.Node;

/// <summary>
/// The built-in event templates as a developer gets them: rendered from templates/ with the form's values, built from the
/// generated source with the repository's toolchain, given the capabilities and triggers of their own manifest, and run by a
/// real node on a real nats-server. The order projection turns the order events of its topic into state served over HTTP
/// and sends a malformed event to the dead letters without touching the projection; telemetry-ingest with an events topic
/// publishes one event per accepted record and none for a refused one.
/// </summary>
[Collection(EdgeCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class EventTemplateTests(EdgeFixture edge, NatsServer nats) : IClassFixture<NatsServer>, IAsyncLifetime
{
    private const string Orders = "shop-orders";
    private const string Telemetry = "telemetry-out";
    private static readonly TimeSpan Delivered = TimeSpan.FromSeconds(60);

    private static readonly Lazy<Generated> OrderProjection = new(() =>
        Generated.Build("order-projection-c", "projection", new() { ["orders_topic"] = Orders, ["max_attempts"] = "2" }));
    private static readonly Lazy<Generated> TelemetryIngest = new(() =>
        Generated.Build("telemetry-ingest", "ingest", new() { ["events_topic"] = Telemetry }));

    private EdgeNodeHost? _node;

    public async Task InitializeAsync()
    {
        await nats.ResetAsync();
        foreach (var topic in new[] { Orders, Telemetry })
        {
            await nats.JetStream.CreateStreamAsync(new StreamConfig(EventSubjects.Stream(topic), EventSubjects.StreamSubjects(topic)));
        }
    }

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
    }

    [Fact]
    public async Task OrderProjection_OrderEventsOnItsTopic_LatestStatePerOrderServedOverHttp()
    {
        var node = await StartAsync(OrderProjection.Value);
        await PublishAsync("o-1", """{"id":"o-1","status":"created","amount":10,"currency":"EUR","customer":{"id":"c-7"}}""");
        await PublishAsync("o-2", """{"id":"o-2","status":"created","amount":5.5,"currency":"USD"}""");
        await PublishAsync("o-1", """{"id":"o-1","status":"paid","amount":10.00,"currency":"EUR"}""");
        await PublishAsync("o-3", """{"id":"o-3","status":"shipped","amount":0.99,"currency":"EUR"}""");

        await Poll.UntilAsync(() => Status(node, "o-1") == "paid" && Status(node, "o-2") is not null && Status(node, "o-3") is not null, Delivered,
            "the projection of o-1, o-2 and o-3");
        var order = await JsonAsync(node, "/projection/orders/o-1");
        Assert.Equal(("o-1", "paid", 10.00m, "EUR"),
            (order.GetProperty("id").GetString(), order.GetProperty("status").GetString(), order.GetProperty("amount").GetDecimal(), order.GetProperty("currency").GetString()));
        Assert.Equal(36, order.GetProperty("event").GetString()!.Length);

        var summary = await JsonAsync(node, "/projection/orders");
        Assert.Equal(3, summary.GetProperty("orders").GetInt32());
        Assert.Equal("""{"created":1,"paid":1,"shipped":1,"delivered":0,"cancelled":0}""", summary.GetProperty("statuses").GetRawText());
        Assert.Equal((10.99m, 5.50m), (summary.GetProperty("totals").GetProperty("EUR").GetDecimal(), summary.GetProperty("totals").GetProperty("USD").GetDecimal()));

        using var missing = await node.Ingress.GetAsync("/projection/orders/o-404");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var health = await node.Ingress.GetAsync("/projection/healthz");
        Assert.Equal("""{"status":"ok"}""", await health.Content.ReadAsStringAsync());
        using var post = await node.Ingress.PostAsync("/projection/orders", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task OrderProjection_MalformedEvents_DeadLetteredWithTheReason_ProjectionUnchanged()
    {
        var node = await StartAsync(OrderProjection.Value);
        await PublishAsync("o-7", """{"id":"o-7","status":"created","amount":12.30,"currency":"EUR"}""");
        await Poll.UntilAsync(() => Status(node, "o-7") == "created", Delivered, "the projection of o-7");

        // Two malformed events of o-7, then a valid event of another order on the same key: handled only after both.
        await PublishAsync("o-7", """{"id":"o-7","status":"paid","amount":12.345,"currency":"EUR"}""");
        await PublishAsync("o-7", """{"id":"o-7","status":"refunded","amount":12.30,"currency":"EUR"}""");
        await PublishAsync("o-7", """{"id":"o-8","status":"created","amount":1,"currency":"EUR"}""");
        await Poll.UntilAsync(() => Status(node, "o-8") == "created", Delivered, "the event after the malformed ones");

        var order = await JsonAsync(node, "/projection/orders/o-7");
        Assert.Equal(("created", 12.30m), (order.GetProperty("status").GetString(), order.GetProperty("amount").GetDecimal()));
        Assert.Equal(2, (await JsonAsync(node, "/projection/orders")).GetProperty("orders").GetInt32());
        var dead = await ReadAsync(EventSubjects.DeadLetterStream);
        Assert.Equal(2, dead.Count);
        Assert.All(dead, m => Assert.Equal(EventSubjects.DeadLetterSubject("projection", Orders), m.Subject));
        Assert.All(dead, m => Assert.Equal("2", m.Headers?[EventSubjects.AttemptsHeader].ToString()));
        Assert.Equal("malformed order event: \"amount\" may have at most two decimals", dead[0].Headers?[EventSubjects.ErrorHeader].ToString());
        Assert.Equal("malformed order event: \"status\" must be one of created, paid, shipped, delivered, cancelled",
            dead[1].Headers?[EventSubjects.ErrorHeader].ToString());
        Assert.Contains("12.345", EventProbe.Text(dead[0]));
    }

    [Fact]
    public async Task TelemetryIngest_WithEventsTopic_PublishesOneEventPerAcceptedRecordAndNoneForARefusedOne()
    {
        var node = await StartAsync(TelemetryIngest.Value);
        string[] accepted = ["""{"type":"click","ts":1732560000,"page":"/"}""", """{"type":"view","ts":1732560001.5}"""];

        var sequences = new List<long>();
        foreach (var body in accepted)
        {
            using var response = await node.Ingress.PostAsync("/ingest/events", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var published = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("published");
            Assert.Equal(Telemetry, published.GetProperty("topic").GetString());
            sequences.Add(published.GetProperty("sequence").GetInt64());
        }
        foreach (var refused in new[] { """{"type":"click"}""", """{"type":"click","ts":1""" })
        {
            using var response = await node.Ingress.PostAsync("/ingest/events", new StringContent(refused, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var events = await ReadAsync(Telemetry);
        Assert.Equal(accepted, events.Select(EventProbe.Text));
        Assert.Equal(sequences, events.Select(m => (long)m.Metadata!.Value.Sequence.Stream));
        Assert.Equal(["click", "view"], events.Select(m => m.Headers?[EventSubjects.KeyHeader].ToString()));
        Assert.All(events, m => Assert.Equal("service:ingest", m.Headers?[EventSubjects.PublisherHeader].ToString()));
        Assert.All(events, m => Assert.EndsWith(".accepted", m.Subject));
        Assert.Equal(2, (await JsonAsync(node, "/ingest/counts")).GetProperty("total").GetInt32());
    }

    private async Task<EdgeNodeHost> StartAsync(Generated service)
    {
        _node = await EdgeNodeHost.StartAsync(edge, new Dictionary<string, string?> { ["Nats:Url"] = nats.Url });
        await _node.ConvergeAsync("t1", EdgeNodeHost.Service(service.Name, "/" + service.Name, service.Assignment(_node)));
        return _node;
    }

    private Task<ulong> PublishAsync(string key, string data) => nats.PublishAsync(Orders, key, data, subject: "changed");

    private Task<List<INatsJSMsg<byte[]>>> ReadAsync(string topicOrStream) => nats.ReadAsync(topicOrStream);

    private static string? Status(EdgeNodeHost node, string id)
    {
        using var response = node.Ingress.GetAsync($"/projection/orders/{id}").GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode) return null;
        using var order = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return order.RootElement.GetProperty("status").GetString();
    }

    private static async Task<JsonElement> JsonAsync(EdgeNodeHost node, string path)
    {
        using var response = await node.Ingress.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>A service generated from a built-in template: its component built from the rendered source, and its manifest.</summary>
    private sealed record Generated(string Name, byte[] Component, ServiceManifest Manifest)
    {
        public static Generated Build(string template, string name, Dictionary<string, string?> form)
        {
            var definition = TemplateDefinitionReader.Read(Path.Combine(RepositoryPaths.Templates, template), RepositoryPaths.Sdk);
            var errors = new ValidationErrors();
            var values = ParameterValidator.Validate(definition.Parameters, form, ["payments"], errors);
            Assert.True(errors.IsValid, string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value)));
            var files = TemplateRenderer.Render(definition.Files, new Dictionary<string, string>(values)
            {
                ["service_name"] = name, ["team"] = "payments", ["route"] = "/" + name, ["description"] = $"Generated from {template}",
            });
            var source = Path.Combine(Path.GetTempPath(), $"platform-template-{name}-{Guid.NewGuid():N}");
            try
            {
                foreach (var (path, content) in files)
                {
                    var file = Path.Combine(source, path);
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    File.WriteAllText(file, content);
                }
                return new Generated(name, WasmBuilder.Build(source), ManifestParser.Parse(files[ServiceManifest.FileName]));
            }
            finally
            {
                Directory.Delete(source, recursive: true);
            }
        }

        /// <summary>Version 0.1.0 with what its own manifest declares, as the control plane hands it to a node.</summary>
        public VersionAssignmentDto Assignment(EdgeNodeHost node)
        {
            var digest = ComponentDigest.Compute(Component);
            node.ControlPlane.PutBlob(digest, Component);
            return new VersionAssignmentDto("0.1.0", digest, Manifest.Executor, 100,
                new CapabilitiesDto(Manifest.AllowedOutboundHosts, Manifest.KeyValueStores, new Dictionary<string, string>(), Manifest.PublishTopics),
                new LimitsDto(Manifest.DeadlineMs, Manifest.MemoryMb))
            {
                Triggers = Manifest.Triggers.Select(t => new TriggerDto(t.Topic, t.Filter, t.MaxInFlight, t.MaxAttempts, t.BackoffMs, t.MaxBackoffMs)).ToList(),
            };
        }
    }
}
