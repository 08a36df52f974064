using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NATS.Client.JetStream;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Identity;
using Platform.Contracts.Topics;

namespace Platform.Api.Tests;

/// <summary>POST /topics/{name}/events: the publish right, the schema and the trace context, read back from the real stream.</summary>
public sealed class TopicEventTests(ApiFactory api) : ApiTest(api)
{
    private async Task<PlatformClient> AliceWithOrdersAsync(string? schema = TopicSchemas.OrderV1)
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateTopicAsync(new CreateTopicRequest("orders", "payments", Publishers: new TopicAccessDto(["web"]),
            Schema: schema is null ? null : TopicSchemas.Parse(schema)));
        return alice;
    }

    [Fact]
    public async Task Publish_Valid_Accepted_LandsInTheStream_WithTraceContext()
    {
        var alice = await AliceWithOrdersAsync();
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/topics/orders/events")
        {
            Content = new StringContent("""{"id":"o-1","amount":42}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        using var response = await alice.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var published = JsonSerializer.Deserialize<PublishedEventDto>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        Assert.Equal((1UL, 1), (published.Sequence, published.SchemaVersion));
        var message = await ReadAsync("topic-orders");
        // No key: some partition; no subject: "_".
        Assert.Matches(@"^topics\.orders\.[0-7]\._$", message.Subject);
        Assert.True(Guid.TryParse(message.Headers!["Nats-Msg-Id"].ToString(), out var id) && id.Version == 7);
        Assert.Equal("""{"id":"o-1","amount":42}""", Encoding.UTF8.GetString(message.Data!));
        Assert.Equal(1UL, message.Metadata!.Value.Sequence.Stream);
        Assert.StartsWith($"00-{traceId}-", message.Headers!["traceparent"].ToString());
        Assert.Equal(("user:alice", "1"), (message.Headers["Platform-Publisher"].ToString(), message.Headers["Platform-Schema-Version"].ToString()));
    }

    [Fact]
    public async Task Publish_ByATeamGrantedThePublishRight_Accepted()
    {
        await AliceWithOrdersAsync();
        var bob = await Api.SignInAsync("bob");
        var published = await bob.PublishEventAsync("orders", """{"id":"o-2","amount":1}""");
        Assert.Equal(1UL, published.Sequence);
    }

    [Fact]
    public async Task Publish_WithoutTheRight_Forbidden_NothingStored()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateTopicAsync(new CreateTopicRequest("orders", "payments"));
        var bob = await Api.SignInAsync("bob");
        var admin = await Api.SignInAsync("admin");

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => bob.PublishEventAsync("orders", """{"id":"o-3"}"""));
        var adminError = await Assert.ThrowsAsync<PlatformApiException>(() => admin.PublishEventAsync("orders", """{"id":"o-3"}"""));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (error.Status, adminError.Status));
        Assert.Equal(0L, (await Api.Nats.JetStream.GetStreamAsync("topic-orders")).Info.State.Messages);
    }

    [Fact]
    public async Task Publish_WithAReadOnlyToken_Forbidden()
    {
        var alice = await AliceWithOrdersAsync();
        var token = await alice.CreateTokenAsync(new CreateTokenRequest("reader", ["read"]));
        var reader = Api.Anonymous().WithToken(token.Secret);

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => reader.PublishEventAsync("orders", """{"id":"o-4","amount":1}"""));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Equal(0L, (await Api.Nats.JetStream.GetStreamAsync("topic-orders")).Info.State.Messages);
    }

    [Theory]
    [InlineData("""{"id":"o-5","amount":"lots"}""", "/amount")]
    [InlineData("""{"id":"o-5","amount":1,"currency":"XXX"}""", "/currency")]
    [InlineData("""{"amount":1}""", "/")]
    [InlineData("""not json""", "body")]
    public async Task Publish_InvalidAgainstTheSchema_BadRequest_NamingThePath_NothingStored(string body, string path)
    {
        var alice = await AliceWithOrdersAsync();

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.PublishEventAsync("orders", body));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(path, error.Problem.Errors!.Keys);
        Assert.Equal(0L, (await Api.Nats.JetStream.GetStreamAsync("topic-orders")).Info.State.Messages);
    }

    [Fact]
    public async Task Publish_SameIdempotencyKeyTwice_StoredOnce()
    {
        var alice = await AliceWithOrdersAsync(schema: null);
        var first = await alice.PublishEventAsync("orders", """{"any":"thing"}""", idempotencyKey: "k-1");
        var again = await alice.PublishEventAsync("orders", """{"any":"thing"}""", idempotencyKey: "k-1");
        Assert.Equal((first.Sequence, false, true), (again.Sequence, first.Duplicate, again.Duplicate));
        Assert.Equal(1L, (await Api.Nats.JetStream.GetStreamAsync("topic-orders")).Info.State.Messages);
        Assert.Equal("user:alice:k-1", (await ReadAsync("topic-orders")).Headers!["Nats-Msg-Id"].ToString());
    }

    [Fact]
    public async Task Publish_WithKeyAndSubject_LandsOnTheKeysPartitionAndTheSubject_WithTheKeyHeader()
    {
        var alice = await AliceWithOrdersAsync(schema: null);

        await alice.PublishEventAsync("orders", """{"id":"o-42"}""", key: "order 42/x", subject: "eu.created");

        var message = await ReadAsync("topic-orders");
        Assert.Equal($"topics.orders.{EventSubjects.PartitionOf("order 42/x")}.eu.created", message.Subject);
        Assert.Equal("order 42/x", message.Headers!["Platform-Key"].ToString());
    }

    [Fact]
    public async Task Publish_TwoEventsWithoutIdempotencyKey_EachHasItsOwnId()
    {
        var alice = await AliceWithOrdersAsync(schema: null);
        await alice.PublishEventAsync("orders", "1");
        await alice.PublishEventAsync("orders", "2");

        var consumer = await Api.Nats.JetStream.CreateOrderedConsumerAsync("topic-orders");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var ids = new List<string>();
        await foreach (var message in consumer.ConsumeAsync<byte[]>(cancellationToken: timeout.Token))
        {
            ids.Add(message.Headers!["Nats-Msg-Id"].ToString());
            if (ids.Count == 2) break;
        }
        Assert.Equal(2, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("?key=", "key")]
    [InlineData("?key=%07bell", "key")]
    [InlineData("?key=k%C3%BC", "key")]
    [InlineData("?key=%20k", "key")]
    [InlineData("?subject=EU.Created", "subject")]
    [InlineData("?subject=eu..created", "subject")]
    [InlineData("?subject=eu.*", "subject")]
    [InlineData("?key=ok&subject=eu.>", "subject")]
    public async Task Publish_InvalidKeyOrSubject_BadRequest_NamingIt_NothingStored(string query, string field)
    {
        var alice = await AliceWithOrdersAsync(schema: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/topics/orders/events{query}")
        {
            Content = new StringContent("""{"id":"o-6"}""", Encoding.UTF8, "application/json"),
        };

        using var response = await alice.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonSerializer.Deserialize<ApiProblem>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        Assert.Equal(field, Assert.Single(problem.Errors!.Keys));
        Assert.Equal(0L, (await Api.Nats.JetStream.GetStreamAsync("topic-orders")).Info.State.Messages);
    }

    [Fact]
    public async Task Publish_KeyOfMoreThan256Characters_BadRequest()
    {
        var alice = await AliceWithOrdersAsync(schema: null);
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.PublishEventAsync("orders", "{}", key: new string('k', 257)));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("key", Assert.Single(error.Problem.Errors!.Keys));
    }

    [Fact]
    public async Task Publish_LargerThanTheLimit_BadRequest()
    {
        var alice = await AliceWithOrdersAsync(schema: null);
        var big = $"\"{new string('x', 600 * 1024)}\"";
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.PublishEventAsync("orders", big));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("body", error.Problem.Errors!.Keys);
    }

    [Fact]
    public async Task Readyz_ReportsNats()
    {
        using var http = Api.CreateClient();
        using var ready = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"nats\":\"ok\"", await ready.Content.ReadAsStringAsync());
    }

    private async Task<INatsJSMsg<byte[]>> ReadAsync(string stream)
    {
        var consumer = await Api.Nats.JetStream.CreateOrderedConsumerAsync(stream);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await consumer.NextAsync<byte[]>(cancellationToken: timeout.Token) ?? throw new InvalidOperationException("No event in the stream.");
    }
}
