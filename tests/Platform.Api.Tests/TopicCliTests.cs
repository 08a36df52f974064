using NATS.Client.JetStream;
using Platform.Api.Tests.Support;
using Platform.Cli;

namespace Platform.Api.Tests;

/// <summary>`platform topics`, `topic-create`, `topic-schema`, `publish-event` against the real API and nats-server.</summary>
public sealed class TopicCliTests(ApiFactory api) : ApiTest(api)
{
    private readonly string _folder = Directory.CreateTempSubdirectory("platform-cli-topics-").FullName;

    private async Task<(int Exit, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        var environment = new CliEnvironment(null, null, Path.Combine(_folder, "credentials.json"), () => new SocketsHttpHandler(), new StringReader(input));
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await PlatformCli.RunAsync(["--api", Api.ServerAddress.ToString(), .. args], environment, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task CreateSchemaPublishList_AsAnOwner()
    {
        await RunAsync("platform-demo\n", "login", "--user", "alice", "--password-stdin");
        var schema = Path.Combine(_folder, "order.json");
        await File.WriteAllTextAsync(schema, TopicSchemas.OrderV1);
        var breaking = Path.Combine(_folder, "breaking.json");
        await File.WriteAllTextAsync(breaking, """{ "type": "object", "required": ["id", "amount", "customer"] }""");

        var create = await RunAsync("", "topic-create", "orders", "--team", "payments", "--max-age", "2d", "--publish-team", "web", "--schema", schema);
        var refused = await RunAsync("", "topic-schema", "orders", breaking);
        var published = await RunAsync("""{"id":"o-1","amount":3}""", "publish-event", "orders");
        var invalid = await RunAsync("", "publish-event", "orders", """{"id":"o-2","amount":"three"}""");
        var list = await RunAsync("", "topics");

        Assert.Equal(0, create.Exit);
        Assert.Contains("Created topic orders (team payments, stream topic-orders, retention 2d)", create.Output);
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("/customer", refused.Error);
        Assert.Equal(0, published.Exit);
        Assert.Contains("orders: event stored at sequence 1 (schema v1).", published.Output);
        Assert.NotEqual(0, invalid.Exit);
        Assert.Contains("/amount", invalid.Error);
        Assert.Matches(@"orders\s+payments\s+2d\s+v1\s+team:web\s+-", list.Output);
    }

    [Fact]
    public async Task TopicSchemaShow_PrintsOneVersion_AndNamesAMissingOne()
    {
        await RunAsync("platform-demo\n", "login", "--user", "bob", "--password-stdin");
        var alice = await Api.SignInAsync("alice");
        await alice.CreateTopicAsync(new Platform.Contracts.Topics.CreateTopicRequest("orders", "payments", Schema: TopicSchemas.Parse(TopicSchemas.OrderV1)));

        var shown = await RunAsync("", "topic-schema", "orders", "--show", "1");
        var missing = await RunAsync("", "topic-schema", "orders", "--show", "2");

        Assert.Equal(0, shown.Exit);
        Assert.StartsWith("orders: schema version 1, added ", shown.Output);
        Assert.Contains("by user:alice", shown.Output);
        var json = shown.Output[shown.Output.IndexOf('{', StringComparison.Ordinal)..];
        Assert.True(System.Text.Json.JsonElement.DeepEquals(TopicSchemas.Parse(TopicSchemas.OrderV1), TopicSchemas.Parse(json)));
        Assert.NotEqual(0, missing.Exit);
        Assert.Contains("Topic 'orders' has no schema version 2", missing.Error);
    }

    [Fact]
    public async Task PublishEvent_WithKeyAndSubject_StoredUnderThem_AnInvalidSubjectNamed()
    {
        await RunAsync("platform-demo\n", "login", "--user", "alice", "--password-stdin");
        await RunAsync("", "topic-create", "orders", "--team", "payments");

        var published = await RunAsync("", "publish-event", "orders", """{"id":"o-1"}""", "--key", "order-42", "--subject", "eu.created");
        var invalid = await RunAsync("", "publish-event", "orders", """{"id":"o-2"}""", "--subject", "EU");

        Assert.Equal(0, published.Exit);
        Assert.NotEqual(0, invalid.Exit);
        Assert.Contains("subject", invalid.Error);
        var consumer = await Api.Nats.JetStream.CreateOrderedConsumerAsync("topic-orders");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var message = await consumer.NextAsync<byte[]>(cancellationToken: timeout.Token);
        Assert.Equal($"topics.orders.{Platform.Contracts.Topics.EventSubjects.PartitionOf("order-42")}.eu.created", message!.Subject);
    }
}
