using System.Text;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Events;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Execution;

/// <summary>
/// events.handle of the event-service world (0.2.0 on) on fresh instances, as the node's consumers call it through the executor:
/// ok, the handler's error, a trap and the deadline each end as a request would; and components of the older worlds still run.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class EventHandlerTests(EdgeFixture edge)
{
    // The test component imports the publisher: it needs a publish topic granted to load at all.
    private static readonly CapabilitiesDto DefaultStore = new([], ["default"], new Dictionary<string, string>(), PublishTopics: ["orders-out"]);

    private static EdgeEvent Event(string key, string data, uint attempt = 1) =>
        new("orders", "created", key, Guid.NewGuid().ToString(), attempt, [new("content-type", "text/plain")], Encoding.UTF8.GetBytes(data));

    private EdgeResponse Deliver(LoadedVersion version, EdgeEvent delivery) => edge.Executor.Execute(version, delivery, Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("events")]
    [InlineData("events@0.2.0")]
    public void Deliver_HandledEvents_AnswerOkAndTheirEffectsStay(string component)
    {
        // Data crosses as text or bytes (0.3.0: content; 0.2.0: list<u8>) and reaches the handler, and its store, as sent.
        var consumer = edge.Load(component, DefaultStore, service: $"events-ok-{Guid.NewGuid():N}");
        byte[] binary = [0xFF, 0x00, 0xC0, 0x80];

        var first = Deliver(consumer, Event("order-1", "created"));
        var second = Deliver(consumer, Event("order-1", "paid ✓"));
        var third = Deliver(consumer, Event("order-1", "") with { Data = binary });
        var history = edge.Get(consumer, "/history/order-1");

        Assert.Equal((200, ExecutionOutcome.Completed), (first.Status, first.Outcome));
        Assert.Equal((200, 200), (second.Status, third.Status));
        Assert.Equal([.. "created,paid ✓,"u8, .. binary], history.Body);
    }

    [Fact]
    public void Deliver_HandlerReturnsError_Answers500WithTheErrorAndChangesNothing()
    {
        var consumer = edge.Load("events", DefaultStore, service: "events-error");

        var failed = Deliver(consumer, Event("order-2", "fail"));

        Assert.Equal((500, ExecutionOutcome.Failed, "asked to fail"), (failed.Status, failed.Outcome, failed.Error));
        Assert.Equal(404, edge.Get(consumer, "/history/order-2").Status);
    }

    [Fact]
    public void Deliver_AttemptReachesTheGuest()
    {
        var consumer = edge.Load("events", DefaultStore, service: "events-attempt");

        var firstAttempt = Deliver(consumer, Event("order-3", "fail-once", attempt: 1));
        var secondAttempt = Deliver(consumer, Event("order-3", "fail-once", attempt: 2));

        Assert.Equal("asked to fail once", firstAttempt.Error);
        Assert.Equal(200, secondAttempt.Status);
    }

    [Fact]
    public void Deliver_TrapOrLoop_EndsAsTrapAndDeadlineWithoutHarmingTheNextEvent()
    {
        var consumer = edge.Load("events", DefaultStore, new LimitsDto(50, 64), service: "events-hostile");

        var trapped = Deliver(consumer, Event("k", "trap"));
        var looped = Deliver(consumer, Event("k", "spin"));
        var next = Deliver(consumer, Event("k", "after"));

        Assert.Equal((500, ExecutionOutcome.Trapped), (trapped.Status, trapped.Outcome));
        Assert.Equal((504, ExecutionOutcome.DeadlineExceeded), (looped.Status, looped.Outcome));
        Assert.Equal(200, next.Status);
    }

    [Fact]
    public void Deliver_ToAnHttpOnlyComponent_Answers500NamingTheMissingExport()
    {
        var hello = edge.Load("hello", service: "events-http-only");

        var response = Deliver(hello, Event("k", "x"));

        Assert.Equal(500, response.Status);
        Assert.Contains("events#handle", response.Error);
    }

    [Fact]
    public void Load_TriggersOnAComponentWithoutEventHandler_IsRefused()
    {
        var bytes = edge.Components.Bytes("hello");
        var digest = Platform.EdgeRuntime.Components.ComponentDigest.Compute(bytes);
        var assignment = new VersionAssignmentDto("1.0.0", digest, "component", 100, CapabilitiesDto.None, LimitsDto.Default,
            Triggers: [new TriggerDto("orders", null, 1, 3, 100, 1000)]);

        var error = Assert.Throws<VersionLoadException>(() => edge.Loader.Load("events-no-export", assignment, edge.Cache.Load(digest, bytes)));

        Assert.Contains("platform:edge/events@0.3.0#handle", error.Message);
    }

    [Fact]
    public void Execute_ComponentOfTheOlderWorld_GetsEveryCapabilityItImports()
    {
        var old = edge.Load("hello-v0.1", new CapabilitiesDto([], ["default"], new Dictionary<string, string> { ["greeting"] = "hi" }), service: "hello-old");

        var response = edge.Get(old, "/x");

        Assert.Equal(200, response.Status);
        Assert.Equal("hello v0.1 from /x hi", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void Execute_PublishWithoutTheTopicGranted_IsAnErrorInTheGuest()
    {
        var consumer = edge.Load("events", new CapabilitiesDto([], ["default"], new Dictionary<string, string>(), PublishTopics: ["orders-out"]),
            service: "events-publish-refused");

        var response = edge.Executor.Execute(consumer, new EdgeRequest("POST", "/publish/payments/k", [], "x"u8.ToArray()), "r1");

        Assert.Equal(502, response.Status);
        Assert.Equal("topic 'payments' is not in the manifest's publish_topics", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void Execute_PublishOnANodeWithoutBroker_IsAnErrorInTheGuest()
    {
        var consumer = edge.Load("events", new CapabilitiesDto([], ["default"], new Dictionary<string, string>(), PublishTopics: ["orders-out"]),
            service: "events-publish-no-broker");

        var response = edge.Executor.Execute(consumer, new EdgeRequest("POST", "/publish/orders-out/k", [], "x"u8.ToArray()), "r2");

        Assert.Equal(502, response.Status);
        Assert.Equal("this node has no event broker configured", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void Load_PublisherImportWithoutPublishTopics_FailsNamingTheImport()
    {
        var error = Assert.Throws<VersionLoadException>(() =>
            edge.Load("events", new CapabilitiesDto([], ["default"], new Dictionary<string, string>()), service: "events-publish-ungranted"));

        Assert.Contains("platform:edge/publisher@0.3.0", error.Message);
    }
}
