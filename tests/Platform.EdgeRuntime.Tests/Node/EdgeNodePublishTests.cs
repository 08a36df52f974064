using NATS.Client.JetStream.Models;
using Platform.Contracts.Nodes;
using Platform.Contracts.Topics;
using Platform.EdgeRuntime.Tests.Support;
using Platform.Testing;

namespace Platform.EdgeRuntime.Tests.Node;

/// <summary>
/// The publisher capability through a real node on a real nats-server: a component publishes only to the topics its
/// manifest grants, and to a topic with a schema only events that match its newest version (the schemas the desired state
/// lists, replaced with the next desired state).
/// </summary>
[Collection(EdgeCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class EdgeNodePublishTests(EdgeFixture edge, NatsServer nats) : IClassFixture<NatsServer>, IAsyncLifetime
{
    private readonly List<EdgeNodeHost> _hosts = [];

    public async Task InitializeAsync()
    {
        await nats.ResetAsync();
        foreach (var topic in new[] { "orders", "orders-out", "orders-canary", "secret" })
        {
            await nats.JetStream.CreateStreamAsync(new StreamConfig(EventSubjects.Stream(topic), EventSubjects.StreamSubjects(topic)));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Publish_FromAComponent_OnlyToItsGrantedTopics()
    {
        var node = await StartNodeAsync(Consumer(node: null, "1.0.0", 100));

        using var granted = await node.Ingress.PostAsync("/events/publish/orders-out/k1", new StringContent("hello"));
        using var refused = await node.Ingress.PostAsync("/events/publish/secret/k1", new StringContent("stolen"));

        Assert.True(granted.IsSuccessStatusCode, await granted.Content.ReadAsStringAsync());
        Assert.Equal("1", await granted.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Equal("topic 'secret' is not in the manifest's publish_topics", await refused.Content.ReadAsStringAsync());
        Assert.Empty(await ReadAsync("secret"));
        var stored = Assert.Single(await ReadAsync("orders-out"));
        Assert.Equal("hello", Text(stored));
    }

    [Fact]
    public async Task Publish_ToATopicWithASchema_OnlyMatchingEventsAreStored()
    {
        var node = await EdgeNodeHost.StartAsync(edge, new Dictionary<string, string?> { ["Nats:Url"] = nats.Url });
        _hosts.Add(node);
        node.ControlPlane.TopicSchemas =
        [
            new TopicSchemaAssignmentDto("orders-out", 2,
                """{"type":"object","required":["order","amount"],"properties":{"order":{"type":"string"},"amount":{"type":"number","minimum":0}}}"""),
        ];
        await node.ConvergeAsync("s1", EdgeNodeHost.Service("events", "/events", Consumer(node: null, "1.0.0", 100)(node)));

        using var matching = await node.Ingress.PostAsync("/events/publish/orders-out/k1", new StringContent("""{"order":"o-1","amount":12.5}"""));
        using var wrongType = await node.Ingress.PostAsync("/events/publish/orders-out/k1", new StringContent("""{"order":"o-2","amount":"lots"}"""));
        using var notJson = await node.Ingress.PostAsync("/events/publish/orders-out/k1", new StringContent("hello"));
        using var free = await node.Ingress.PostAsync("/events/publish/orders-canary/k1", new StringContent("no schema here"));

        Assert.True(matching.IsSuccessStatusCode, await matching.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.BadGateway, wrongType.StatusCode);
        var refusal = await wrongType.Content.ReadAsStringAsync();
        Assert.StartsWith("the event does not match schema version 2 of topic 'orders-out': /amount:", refusal);
        Assert.Equal(System.Net.HttpStatusCode.BadGateway, notJson.StatusCode);
        Assert.StartsWith("topic 'orders-out' has a schema: the event is not one JSON value", await notJson.Content.ReadAsStringAsync());
        Assert.True(free.IsSuccessStatusCode, await free.Content.ReadAsStringAsync());
        var stored = Assert.Single(await ReadAsync("orders-out"));
        Assert.Equal("""{"order":"o-1","amount":12.5}""", Text(stored));
        Assert.Equal("2", stored.Headers?[EventSubjects.SchemaVersionHeader].ToString());
        Assert.False(Assert.Single(await ReadAsync("orders-canary")).Headers?.ContainsKey(EventSubjects.SchemaVersionHeader));

        // A newer schema reaches the node with its next desired state, without reloading the version.
        node.ControlPlane.TopicSchemas = [new TopicSchemaAssignmentDto("orders-out", 3, """{"type":"object","required":["order"]}""")];
        await node.ConvergeAsync("s2", EdgeNodeHost.Service("events", "/events", Consumer(node: null, "1.0.0", 100)(node)));
        using var nowMatching = await node.Ingress.PostAsync("/events/publish/orders-out/k1", new StringContent("""{"order":"o-3","amount":"lots"}"""));

        Assert.True(nowMatching.IsSuccessStatusCode, await nowMatching.Content.ReadAsStringAsync());
        Assert.Equal("3", (await ReadAsync("orders-out")).Last().Headers?[EventSubjects.SchemaVersionHeader].ToString());
    }

    private async Task<EdgeNodeHost> StartNodeAsync(params Func<EdgeNodeHost, VersionAssignmentDto>[] versions)
    {
        var host = await EdgeNodeHost.StartAsync(edge, new Dictionary<string, string?> { ["Nats:Url"] = nats.Url });
        _hosts.Add(host);
        await host.ConvergeAsync("e1", EdgeNodeHost.Service("events", "/events", versions.Select(v => v(host)).ToArray()));
        return host;
    }

    private static Func<EdgeNodeHost, VersionAssignmentDto> Consumer(EdgeNodeHost? node, string version, int weight) => host =>
        EventProbe.Consumer(node ?? host, version, weight);

    private Task<List<NATS.Client.JetStream.INatsJSMsg<byte[]>>> ReadAsync(string topicOrStream) => nats.ReadAsync(topicOrStream);

    private static string Text(NATS.Client.JetStream.INatsJSMsg<byte[]> message) => EventProbe.Text(message);
}
