using System.Net;
using NATS.Client.JetStream;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Topics;

namespace Platform.Api.Tests;

/// <summary>Topics as team-owned resources: CRUD with audit, each backed by a JetStream stream on a real nats-server.</summary>
public sealed class TopicTests(ApiFactory api) : ApiTest(api)
{
    private static CreateTopicRequest Orders(long? maxAgeSeconds = 3600, long? maxBytes = null) =>
        new("orders", "payments", "Order events", maxAgeSeconds, maxBytes, new TopicAccessDto(["web"]), new TopicAccessDto(["web"]));

    [Fact]
    public async Task Create_StoresTopic_CreatesItsStream_AndAudits()
    {
        var alice = await Api.SignInAsync("alice");

        var created = await alice.CreateTopicAsync(Orders());

        Assert.Equal("payments", created.OwnerTeam);
        Assert.Equal(["web"], created.Publishers.Teams);
        Assert.Equal("topic-orders", created.Stream);
        Assert.Contains(await alice.TopicsAsync(), t => t.Name == "orders");
        var stream = await Api.Nats.JetStream.GetStreamAsync("topic-orders");
        Assert.Equal(["topics.orders", "topics.orders.>"], stream.Info.Config.Subjects);
        var entry = Assert.Single(await (await Api.SignInAsync("admin")).AuditAsync("topic/orders"));
        Assert.Equal(("topic.create", "user:alice", "team:web"), (entry.Action, entry.Actor, entry.Details["publishers"]));
    }

    [Fact]
    public async Task Retention_AppliedToTheStream_OnCreateAndPatch()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateTopicAsync(Orders(maxAgeSeconds: 7200, maxBytes: 1 << 20));
        var stream = await Api.Nats.JetStream.GetStreamAsync("topic-orders");
        Assert.Equal((TimeSpan.FromHours(2), 1L << 20), (stream.Info.Config.MaxAge, stream.Info.Config.MaxBytes));

        var updated = await alice.UpdateTopicAsync("orders", new UpdateTopicRequest(MaxAgeSeconds: 60, MaxBytes: 4096));

        Assert.Equal((60L, 4096L), (updated.MaxAgeSeconds, updated.MaxBytes));
        stream = await Api.Nats.JetStream.GetStreamAsync("topic-orders");
        Assert.Equal((TimeSpan.FromMinutes(1), 4096L), (stream.Info.Config.MaxAge, stream.Info.Config.MaxBytes));
        Assert.Contains(await (await Api.SignInAsync("admin")).AuditAsync("topic/orders"), e => e.Action == "topic.update" && e.Details["maxBytes"] == "4096");
    }

    [Fact]
    public async Task Patch_NoLimit_RemovesEachLimit_FromTheTopicAndTheStream_AndAudits()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateTopicAsync(Orders(maxAgeSeconds: 7200, maxBytes: 1 << 20));

        var withoutAge = await alice.UpdateTopicAsync("orders", new UpdateTopicRequest(MaxAgeSeconds: UpdateTopicRequest.NoLimit));

        Assert.Equal((null, 1L << 20), (withoutAge.MaxAgeSeconds, withoutAge.MaxBytes));
        var stream = await Api.Nats.JetStream.GetStreamAsync("topic-orders");
        Assert.Equal((TimeSpan.Zero, 1L << 20), (stream.Info.Config.MaxAge, stream.Info.Config.MaxBytes));

        var withoutSize = await alice.UpdateTopicAsync("orders", new UpdateTopicRequest(MaxAgeSeconds: 60, MaxBytes: UpdateTopicRequest.NoLimit));

        Assert.Equal((60L, null), (withoutSize.MaxAgeSeconds, withoutSize.MaxBytes));
        Assert.Equal((60L, null), ((await alice.TopicAsync("orders")).MaxAgeSeconds, (await alice.TopicAsync("orders")).MaxBytes));
        stream = await Api.Nats.JetStream.GetStreamAsync("topic-orders");
        Assert.Equal((TimeSpan.FromMinutes(1), -1L), (stream.Info.Config.MaxAge, stream.Info.Config.MaxBytes));
        var updates = (await (await Api.SignInAsync("admin")).AuditAsync("topic/orders")).Where(e => e.Action == "topic.update").OrderBy(e => e.Id).ToList();
        Assert.Equal([("-", "1048576"), ("60", "-")], updates.Select(e => (e.Details["maxAgeSeconds"], e.Details["maxBytes"])));
    }

    [Theory]
    [InlineData(UpdateTopicRequest.NoLimit, null, "maxAgeSeconds")]
    [InlineData(UpdateTopicRequest.NoLimit, UpdateTopicRequest.NoLimit, "maxAgeSeconds,maxBytes")]
    public async Task Patch_RemovingTheLastLimit_Refused_NamingTheField_ChangesNothing(long? maxAgeSeconds, long? maxBytes, string fields)
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateTopicAsync(Orders(maxAgeSeconds: 3600));

        var error = await Assert.ThrowsAsync<PlatformApiException>(() =>
            alice.UpdateTopicAsync("orders", new UpdateTopicRequest(Description: "changed", MaxAgeSeconds: maxAgeSeconds, MaxBytes: maxBytes)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(fields.Split(','), error.Problem.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("the other stays", error.Problem.Errors["maxAgeSeconds"][0]);
        var topic = await alice.TopicAsync("orders");
        Assert.Equal(("Order events", 3600L, null), (topic.Description, topic.MaxAgeSeconds, topic.MaxBytes));
        Assert.Equal(TimeSpan.FromHours(1), (await Api.Nats.JetStream.GetStreamAsync("topic-orders")).Info.Config.MaxAge);
        Assert.Equal(["topic.create"], (await (await Api.SignInAsync("admin")).AuditAsync("topic/orders")).Select(e => e.Action));
    }

    [Theory]
    [InlineData(-1L, null, "maxAgeSeconds")]
    [InlineData(31L * 24 * 3600, null, "maxAgeSeconds")]
    [InlineData(null, -1L, "maxBytes")]
    [InlineData(null, (1L << 30) + 1, "maxBytes")]
    public async Task Patch_RetentionBeyondThePlatformLimits_NamesTheField_ChangesNothing(long? maxAgeSeconds, long? maxBytes, string field)
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateTopicAsync(Orders(maxAgeSeconds: 3600, maxBytes: 4096));

        var error = await Assert.ThrowsAsync<PlatformApiException>(() =>
            alice.UpdateTopicAsync("orders", new UpdateTopicRequest(MaxAgeSeconds: maxAgeSeconds, MaxBytes: maxBytes)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal([field], error.Problem.Errors!.Keys);
        Assert.Contains("or 0 to remove", error.Problem.Errors[field][0]);
        var topic = await alice.TopicAsync("orders");
        Assert.Equal((3600L, 4096L), (topic.MaxAgeSeconds, topic.MaxBytes));
    }

    [Fact]
    public async Task Create_WithoutRetention_KeepsThePlatformDefaultAge()
    {
        var created = await (await Api.SignInAsync("alice")).CreateTopicAsync(new CreateTopicRequest("orders", "payments"));
        Assert.Equal((long)TimeSpan.FromDays(7).TotalSeconds, created.MaxAgeSeconds);
        Assert.Equal(TimeSpan.FromDays(7), (await Api.Nats.JetStream.GetStreamAsync("topic-orders")).Info.Config.MaxAge);
    }

    [Theory]
    [InlineData(0L, null, "maxAgeSeconds")]
    [InlineData(31L * 24 * 3600, null, "maxAgeSeconds")]
    [InlineData(null, 0L, "maxBytes")]
    [InlineData(null, (1L << 30) + 1, "maxBytes")]
    public async Task Create_RetentionBeyondThePlatformLimits_NamesTheField_CreatesNothing(long? maxAgeSeconds, long? maxBytes, string field)
    {
        var alice = await Api.SignInAsync("alice");
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.CreateTopicAsync(Orders(maxAgeSeconds, maxBytes)));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(field, error.Problem.Errors!.Keys);
        await AssertNoTopicAsync(alice, "orders");
    }

    [Theory]
    [InlineData("Orders")]
    [InlineData("orders.created")]
    [InlineData("orders>")]
    [InlineData("or*ders")]
    [InlineData("orders\u00e9")]
    [InlineData("a")]
    [InlineData("orders--x")]
    [InlineData("../orders")]
    public async Task Create_NameWithOddCharacters_Refused_NamingTheField(string name)
    {
        var alice = await Api.SignInAsync("alice");
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.CreateTopicAsync(new CreateTopicRequest(name, "payments")));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("name", error.Problem.Errors!.Keys);
        Assert.Empty(await alice.TopicsAsync());
        await foreach (var stream in Api.Nats.JetStream.ListStreamNamesAsync()) Assert.Fail($"A stream was made: {stream}");
    }

    [Fact]
    public async Task Create_RightsNamingUnknownOrOddTeamsAndServices_NamesTheFields()
    {
        var alice = await Api.SignInAsync("alice");
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.CreateTopicAsync(new CreateTopicRequest("orders", "payments",
            Publishers: new TopicAccessDto(["nobody"], ["no-such-service"]), Subscribers: new TopicAccessDto(["web*"]))));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(["publishers.services", "publishers.teams", "subscribers.teams"], error.Problem.Errors!.Keys.Order());
        await AssertNoTopicAsync(alice, "orders");
    }

    [Fact]
    public async Task Create_ForAnotherTeam_Forbidden_CreatesNothing()
    {
        var bob = await Api.SignInAsync("bob");
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => bob.CreateTopicAsync(Orders()));
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        await AssertNoTopicAsync(bob, "orders");
    }

    [Fact]
    public async Task Create_SameNameTwice_Conflict()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateTopicAsync(Orders());
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.CreateTopicAsync(Orders()));
        Assert.Equal(HttpStatusCode.Conflict, error.Status);
    }

    [Fact]
    public async Task AnotherTeam_CannotChangeOrDelete_EvenWhenAllowedToPublish()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateTopicAsync(Orders());
        var bob = await Api.SignInAsync("bob");

        var patch = await Assert.ThrowsAsync<PlatformApiException>(() => bob.UpdateTopicAsync("orders", new UpdateTopicRequest(MaxAgeSeconds: 1)));
        var delete = await Assert.ThrowsAsync<PlatformApiException>(() => bob.DeleteTopicAsync("orders"));
        var schema = await Assert.ThrowsAsync<PlatformApiException>(() => bob.AddTopicSchemaAsync("orders", TopicSchemas.Parse("{}")));

        Assert.All([patch, delete, schema], e => Assert.Equal(HttpStatusCode.Forbidden, e.Status));
        Assert.Equal(3600, (await alice.TopicAsync("orders")).MaxAgeSeconds);
        Assert.Equal(TimeSpan.FromHours(1), (await Api.Nats.JetStream.GetStreamAsync("topic-orders")).Info.Config.MaxAge);
        Assert.Equal(["topic.create"], (await (await Api.SignInAsync("admin")).AuditAsync("topic/orders")).Select(e => e.Action));
    }

    [Fact]
    public async Task Admin_MayChangeAnyTopic_AndDelete_RemovesTheStream()
    {
        await (await Api.SignInAsync("alice")).CreateTopicAsync(Orders());
        var admin = await Api.SignInAsync("admin");

        await admin.UpdateTopicAsync("orders", new UpdateTopicRequest(Publishers: new TopicAccessDto()));
        await admin.DeleteTopicAsync("orders");

        await AssertNoTopicAsync(admin, "orders");
        Assert.Equal(["topic.create", "topic.update", "topic.delete"],
            (await admin.AuditAsync("topic/orders")).OrderBy(e => e.Id).Select(e => e.Action));
    }

    private async Task AssertNoTopicAsync(PlatformClient client, string name)
    {
        var missing = await Assert.ThrowsAsync<PlatformApiException>(() => client.TopicAsync(name));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        var gone = await Assert.ThrowsAsync<NatsJSApiException>(() => Api.Nats.JetStream.GetStreamAsync($"topic-{name}").AsTask());
        Assert.Equal(404, gone.Error.Code);
    }
}
