using System.Net;
using Npgsql;
using Platform.Api.Features.Nodes;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Nodes;
using Platform.Contracts.Services;
using Platform.Contracts.Topics;

namespace Platform.Api.Tests;

/// <summary>
/// A version's [[triggers]] and publish_topics: only on topics that exist and that its service may use (the owner team's, or
/// granted to its team or to it by name), refused naming the field with nothing stored; shown on the version, in the capability
/// diff and in the desired state (with the newest schema of each topic published to); a topic in use by a running version cannot be deleted.
/// </summary>
public sealed class TopicTriggerTests(ApiFactory api) : ApiTest(api)
{
    private const string Consuming = """
        name = "projector"
        [capabilities]
        publish_topics = ["projections"]
        [[triggers]]
        topic = "orders"
        filter = "eu.*"
        max_in_flight = 4
        retry = { max_attempts = 3, backoff_ms = 200, max_backoff_ms = 5000 }
        """;

    /// <summary>Alice (payments) with topics orders and projections of payments and the payments service projector.</summary>
    private async Task<PlatformClient> AliceWithTopicsAsync(TopicAccessDto? subscribers = null, TopicAccessDto? publishers = null)
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateTopicAsync(new CreateTopicRequest("orders", "payments", Subscribers: subscribers, Publishers: publishers));
        await alice.CreateTopicAsync(new CreateTopicRequest("projections", "payments", Publishers: publishers));
        await alice.CreateServiceAsync(new CreateServiceRequest("projector", "payments"));
        return alice;
    }

    /// <summary>Bob (web) with the web service web-feed.</summary>
    private async Task<PlatformClient> BobWithServiceAsync()
    {
        var bob = await Api.SignInAsync("bob");
        await bob.CreateServiceAsync(new CreateServiceRequest("web-feed", "web"));
        return bob;
    }

    private static async Task<PlatformApiException> RefusedAsync(PlatformClient client, string service, string manifest, byte[]? component = null)
    {
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => client.PublishVersionAsync(service, "1.0.0", component ?? EventComponents.Consumer, manifest));
        Assert.Empty(await client.VersionsAsync(service));
        return error;
    }

    [Fact]
    public async Task Publish_OwnTeamsTopics_Stored_AndShownOnTheVersion()
    {
        var alice = await AliceWithTopicsAsync();

        var version = await alice.PublishVersionAsync("projector", "1.0.0", EventComponents.Consumer, Consuming);

        Assert.Equal(["projections"], version.PublishTopics);
        Assert.Equal([new TriggerDto("orders", "eu.*", 4, 3, 200, 5000)], version.Triggers);
        Assert.Contains("platform:edge/events@0.3.0", version.Exports);
        var listed = Assert.Single(await alice.VersionsAsync("projector"));
        Assert.Equal([new TriggerDto("orders", "eu.*", 4, 3, 200, 5000)], listed.Triggers);
    }

    [Fact]
    public async Task Publish_TriggerOnAnotherTeamsTopic_WithoutTheSubscribeRight_Refused_NamingTheFieldAndTopic()
    {
        await AliceWithTopicsAsync(publishers: new TopicAccessDto(["web"]));
        var bob = await BobWithServiceAsync();

        var error = await RefusedAsync(bob, "web-feed", "name = \"web-feed\"\n[[triggers]]\ntopic = \"projections\"\n[[triggers]]\ntopic = \"orders\"\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        var (field, messages) = Assert.Single(error.Problem.Errors!);
        Assert.Equal("manifest.triggers[0].topic", field);
        Assert.Contains("'projections'", Assert.Single(messages));
    }

    [Theory]
    [InlineData("web", null)]
    [InlineData(null, "web-feed")]
    public async Task Publish_TriggerOnAnotherTeamsTopic_GrantedToTheTeamOrTheService_Stored(string? team, string? service)
    {
        var bob = await BobWithServiceAsync();
        await AliceWithTopicsAsync(subscribers: new TopicAccessDto(team is null ? [] : [team], service is null ? [] : [service]));

        var version = await bob.PublishVersionAsync("web-feed", "1.0.0", EventComponents.Consumer, "name = \"web-feed\"\n[[triggers]]\ntopic = \"orders\"\n");

        Assert.Equal([new TriggerDto("orders", null, 1, 5, 1000, 60_000)], version.Triggers);
    }

    [Fact]
    public async Task Publish_PublishTopicWithoutThePublishRight_Refused_EvenWithTheSubscribeRight()
    {
        var bob = await BobWithServiceAsync();
        await AliceWithTopicsAsync(subscribers: new TopicAccessDto(["web"], ["web-feed"]));

        var error = await RefusedAsync(bob, "web-feed", "name = \"web-feed\"\n[capabilities]\npublish_topics = [\"orders\"]\n", Components.Hello);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal("manifest.capabilities.publish_topics", Assert.Single(error.Problem.Errors!.Keys));
        Assert.Contains("may not publish to topic 'orders'", error.Problem.Detail);
    }

    [Fact]
    public async Task Publish_PublishTopicGrantedToTheService_Stored_ThePublisherImportGranted()
    {
        var bob = await BobWithServiceAsync();
        await AliceWithTopicsAsync(publishers: new TopicAccessDto([], ["web-feed"]));

        var version = await bob.PublishVersionAsync("web-feed", "1.0.0", Components.Hello, "name = \"web-feed\"\n[capabilities]\npublish_topics = [\"orders\"]\n");

        Assert.Equal(["orders"], version.PublishTopics);
        Assert.Empty(version.Triggers!);
    }

    [Theory]
    [InlineData("[[triggers]]\ntopic = \"missing\"", "manifest.triggers[0].topic")]
    [InlineData("[capabilities]\npublish_topics = [\"missing\"]", "manifest.capabilities.publish_topics")]
    public async Task Publish_MissingTopic_Refused_NamingTheField(string toml, string field)
    {
        var alice = await AliceWithTopicsAsync();

        var error = await RefusedAsync(alice, "projector", "name = \"projector\"\n" + toml);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal(field, Assert.Single(error.Problem.Errors!.Keys));
        Assert.Contains("'missing' does not exist", error.Problem.Detail);
    }

    [Fact]
    public async Task Publish_TriggersOnAComponentWithoutTheEventsExport_Refused_SayingWhatToBuildAgainst()
    {
        var alice = await AliceWithTopicsAsync();

        var error = await RefusedAsync(alice, "projector", "name = \"projector\"\n[[triggers]]\ntopic = \"orders\"\n", Components.Hello);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal("component", Assert.Single(error.Problem.Errors!.Keys));
        Assert.Contains("event-service world", error.Problem.Detail);
        Assert.Contains("platform_handle_event", error.Problem.Detail);
    }

    [Theory]
    [InlineData("executor = \"wagi\"\n[[triggers]]\ntopic = \"orders\"", "manifest.triggers")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nfilter = \"EU.*\"", "manifest.triggers[0].filter")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nmax_in_flight = 9", "manifest.triggers[0].max_in_flight")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nretry = { max_attempts = 50 }", "manifest.triggers[0].retry.max_attempts")]
    public async Task Publish_InvalidTriggers_Refused_NamingTheKey(string toml, string field)
    {
        var alice = await AliceWithTopicsAsync();

        var error = await RefusedAsync(alice, "projector", "name = \"projector\"\n" + toml);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal(field, Assert.Single(error.Problem.Errors!.Keys));
    }

    [Fact]
    public async Task DesiredState_CarriesTriggersAndPublishTopics_OnlyWhenDeclared()
    {
        var alice = await AliceWithTopicsAsync();
        await alice.PublishVersionAsync("projector", "1.0.0", EventComponents.Consumer, Consuming);
        await Api.DeployAsync("projector", "1.0.0");
        await alice.CreateServiceAsync(new CreateServiceRequest("plain", "payments"));
        await alice.PublishVersionAsync("plain", "1.0.0", Components.Hello, "name = \"plain\"\n");
        await Api.DeployAsync("plain", "1.0.0");

        var (state, json) = await DesiredStateAsync();

        var projector = Assert.Single(Assert.Single(state.Services, s => s.Service == "projector").Versions);
        Assert.Equal([new TriggerDto("orders", "eu.*", 4, 3, 200, 5000)], projector.Triggers);
        Assert.Equal(["projections"], projector.Capabilities.PublishTopics);
        var plain = Assert.Single(Assert.Single(state.Services, s => s.Service == "plain").Versions);
        Assert.Null(plain.Triggers);
        Assert.Null(plain.Capabilities.PublishTopics);
        // Nodes of an older release see nothing new for a service without topics.
        Assert.Equal(1, json.Split("\"triggers\"").Length - 1);
        Assert.Equal(1, json.Split("\"publishTopics\"").Length - 1);
    }

    [Fact]
    public async Task DesiredState_ListsTheNewestSchemaOfEachTopicAPlacedVersionPublishesTo_AndANewSchemaNotifiesTheNodes()
    {
        var alice = await AliceWithTopicsAsync();
        await alice.AddTopicSchemaAsync("orders", TopicSchemas.Parse("""{ "type": "object" }"""));
        await alice.AddTopicSchemaAsync("projections", TopicSchemas.Parse("""{ "type": "object" }"""));
        await alice.AddTopicSchemaAsync("projections", TopicSchemas.Parse("""{ "type": "object", "properties": { "id": { "type": "string" } } }"""));
        await alice.PublishVersionAsync("projector", "1.0.0", EventComponents.Consumer, Consuming);
        await Api.DeployAsync("projector", "1.0.0");
        var (before, _) = await DesiredStateAsync();
        await using var listener = new NpgsqlConnection(Api.Database.ConnectionString);
        await listener.OpenAsync();
        var notified = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Notification += (_, _) => notified.TrySetResult();
        await using (var listen = new NpgsqlCommand($"LISTEN {DesiredStateListener.Channel}", listener)) await listen.ExecuteNonQueryAsync();

        await alice.AddTopicSchemaAsync("projections",
            TopicSchemas.Parse("""{ "type": "object", "properties": { "id": { "type": "string" }, "at": { "type": "string" } } }"""));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!notified.Task.IsCompleted) await listener.WaitAsync(timeout.Token);
        var (after, _) = await DesiredStateAsync();

        // Only the topic the version publishes to (not the one it consumes), at its newest version.
        var listed = Assert.Single(before.TopicSchemas!);
        Assert.Equal(("projections", 2), (listed.Topic, listed.Version));
        var newest = Assert.Single(after.TopicSchemas!);
        Assert.Equal(3, newest.Version);
        Assert.Contains("\"at\"", newest.Schema);
        Assert.NotEqual(before.Revision, after.Revision);
    }

    [Fact]
    public async Task DesiredState_NoTopicSchemas_WhenNoPlacedVersionPublishesToATopicWithOne()
    {
        var alice = await AliceWithTopicsAsync();
        await alice.AddTopicSchemaAsync("orders", TopicSchemas.Parse("""{ "type": "object" }"""));
        await alice.PublishVersionAsync("projector", "1.0.0", EventComponents.Consumer, Consuming);
        await Api.DeployAsync("projector", "1.0.0");

        var (state, json) = await DesiredStateAsync();

        Assert.Null(state.TopicSchemas);
        Assert.DoesNotContain("\"topicSchemas\":[", json);
    }

    [Fact]
    public async Task Rollout_NewTopics_AreNewCapabilities_AwaitingApproval()
    {
        var alice = await AliceWithTopicsAsync();
        await alice.PublishVersionAsync("projector", "1.0.0", EventComponents.Consumer, "name = \"projector\"\n");
        await alice.PublishVersionAsync("projector", "1.1.0", EventComponents.Consumer, Consuming);
        await Api.DeployAsync("projector", "1.0.0");

        var rollout = await alice.StartRolloutAsync("projector", "1.1.0");

        Assert.True(rollout.AwaitingApproval);
        Assert.Equal(["publish to topic projections", "consume topic orders"], rollout.NewCapabilities!.Describe());
    }

    [Fact]
    public async Task DeleteTopic_UsedByARunningVersion_Conflict_NamingTheService_UnusedOneDeleted()
    {
        var alice = await AliceWithTopicsAsync();
        await alice.PublishVersionAsync("projector", "1.0.0", EventComponents.Consumer, "name = \"projector\"\n[[triggers]]\ntopic = \"orders\"\n");
        await Api.DeployAsync("projector", "1.0.0");

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.DeleteTopicAsync("orders"));
        await alice.DeleteTopicAsync("projections");

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Contains("'projector'", error.Problem.Detail);
        Assert.Equal(["orders"], (await alice.TopicsAsync()).Select(t => t.Name));
    }

    private Task<(NodeDesiredStateDto State, string Json)> DesiredStateAsync() => Api.DesiredStateOfANewNodeAsync();
}
