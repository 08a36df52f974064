using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Topics;

namespace Platform.Api.Tests;

/// <summary>Versioned topic schemas: a compatible version is added, one that would break consumers is refused naming the field.</summary>
public sealed class TopicSchemaTests(ApiFactory api) : ApiTest(api)
{
    private async Task<PlatformClient> AliceWithOrdersAsync()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateTopicAsync(new CreateTopicRequest("orders", "payments", Schema: TopicSchemas.Parse(TopicSchemas.OrderV1)));
        return alice;
    }

    [Fact]
    public async Task CompatibleVersion_Accepted_ListedAndAudited()
    {
        var alice = await AliceWithOrdersAsync();
        const string v2 = """
            { "type": "object", "required": ["id", "amount"],
              "properties": { "id": { "type": "string" }, "amount": { "type": "number" },
                              "currency": { "type": "string", "enum": ["EUR", "USD", "GBP"] }, "note": { "type": "string" } } }
            """;

        var added = await alice.AddTopicSchemaAsync("orders", TopicSchemas.Parse(v2));

        Assert.Equal(2, added.Version);
        Assert.Equal([1, 2], (await alice.TopicSchemasAsync("orders")).Select(s => s.Version));
        Assert.Equal([1, 2], (await alice.TopicAsync("orders")).SchemaVersions);
        var entry = Assert.Single(await (await Api.SignInAsync("admin")).AuditAsync("topic/orders"), e => e.Action == "topic.schema.add");
        Assert.Equal("2", entry.Details["version"]);
    }

    [Fact]
    public async Task OneVersion_AtTheLocationTheAddAnswered_AsItWasAdded()
    {
        var alice = await AliceWithOrdersAsync();
        const string v2 = """{ "type": "object", "required": ["id", "amount"], "properties": { "id": { "type": "string" }, "amount": { "type": "integer" }, "note": { "type": "string" } } }""";

        using var added = await alice.Http.PostAsJsonAsync("api/v1/topics/orders/schemas", new AddTopicSchemaRequest(TopicSchemas.Parse(v2)));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        using var located = await alice.Http.GetAsync(added.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, located.StatusCode);
        var fromLocation = (await located.Content.ReadFromJsonAsync<TopicSchemaDto>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;

        // Anyone signed in reads it, as the other GETs of a topic: bob's team does not own it.
        var bob = await Api.SignInAsync("bob");
        var first = await bob.TopicSchemaAsync("orders", 1);
        var second = await bob.TopicSchemaAsync("orders", 2);

        Assert.Equal((2, "user:alice"), (fromLocation.Version, fromLocation.CreatedBy));
        Assert.Equal("note", fromLocation.Schema.GetProperty("properties").EnumerateObject().Last().Name);
        Assert.Equal(1, first.Version);
        Assert.True(JsonElement.DeepEquals(TopicSchemas.Parse(TopicSchemas.OrderV1), first.Schema));
        Assert.True(JsonElement.DeepEquals(TopicSchemas.Parse(v2), second.Schema));
        Assert.Equal(fromLocation.CreatedAt, second.CreatedAt);
    }

    [Theory]
    [InlineData("orders", 3, "Topic 'orders' has no schema version 3: it has versions 1, 2.")]
    [InlineData("orders", 0, "Topic 'orders' has no schema version 0: it has versions 1, 2.")]
    [InlineData("events", 1, "Topic 'events' has no schema version 1: it has no schema yet.")]
    [InlineData("nothing", 1, "Topic 'nothing' was not found.")]
    public async Task MissingVersionOrTopic_404ProblemNamingWhich(string topic, int version, string detail)
    {
        var alice = await AliceWithOrdersAsync();
        await alice.AddTopicSchemaAsync("orders", TopicSchemas.Parse(TopicSchemas.OrderV1));
        await alice.CreateTopicAsync(new CreateTopicRequest("events", "payments"));

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.TopicSchemaAsync(topic, version));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal(detail, error.Problem.Detail);
        Assert.NotNull(error.Problem.TraceId);
    }

    [Fact]
    public async Task OneVersion_Anonymous_Unauthorized()
    {
        await AliceWithOrdersAsync();
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Anonymous().TopicSchemaAsync("orders", 1));
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
    }

    [Theory]
    [InlineData("""{ "type": "object", "required": ["id", "amount", "customer"], "properties": { "id": { "type": "string" }, "amount": { "type": "integer" }, "customer": { "type": "string" } } }""", "/customer")]
    [InlineData("""{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string" } } }""", "/amount")]
    [InlineData("""{ "type": "object", "required": ["id", "amount"], "properties": { "id": { "type": "integer" }, "amount": { "type": "integer" } } }""", "/id")]
    [InlineData("""{ "type": "object", "required": ["id", "amount"], "properties": { "id": { "type": "string" }, "amount": { "type": "integer" }, "currency": { "enum": ["EUR"] } } }""", "/currency")]
    [InlineData("""{ "type": "object", "required": ["id", "amount"], "properties": { "id": { "type": "string" }, "amount": { "type": "integer", "minimum": 10 } } }""", "/amount")]
    public async Task BreakingVersion_Refused_NamingTheField_StoresNothing(string schema, string field)
    {
        var alice = await AliceWithOrdersAsync();

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.AddTopicSchemaAsync("orders", TopicSchemas.Parse(schema)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Contains(field, error.Problem.Errors!.Keys);
        Assert.Contains(field, error.Problem.Detail);
        Assert.Equal([1], (await alice.TopicSchemasAsync("orders")).Select(s => s.Version));
        Assert.DoesNotContain(await (await Api.SignInAsync("admin")).AuditAsync("topic/orders"), e => e.Action == "topic.schema.add");
    }

    [Theory]
    [InlineData("""{ "type": 42 }""")]
    [InlineData("""[1, 2]""")]
    [InlineData("""{ "$ref": "https://example.com/elsewhere.json" }""")]
    public async Task NotAJsonSchema_Refused_NamingSchema(string schema)
    {
        var alice = await Api.SignInAsync("alice");
        var error = await Assert.ThrowsAsync<PlatformApiException>(() =>
            alice.CreateTopicAsync(new CreateTopicRequest("orders", "payments", Schema: TopicSchemas.Parse(schema))));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("schema", error.Problem.Errors!.Keys);
        Assert.Empty(await alice.TopicsAsync());
    }
}
