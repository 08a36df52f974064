using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Platform.Contracts.Nodes;
using Platform.Contracts.Topics;
using Platform.EdgeRuntime.Tests.Support;
using Platform.Testing;

namespace Platform.EdgeRuntime.Tests.Node;

/// <summary>
/// Event delivery through real nodes on a real nats-server: the consumer component (tests/components/events) appends each
/// event to its key's history (served over HTTP) and forwards it to another topic through the publisher capability.
/// Delivery, order per key, retry, dead letters (an error and a trap), a canary's share of the keys, a failing canary's events
/// handled by stable on their last attempt, the trigger's policy staying stable's, the ack wait outlasting a slower canary,
/// and a node going away mid-stream. The publisher capability: <see cref="EdgeNodePublishTests"/>.
/// </summary>
[Collection(EdgeCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class EdgeNodeEventTests(EdgeFixture edge, NatsServer nats) : IClassFixture<NatsServer>, IAsyncLifetime
{
    private static readonly TimeSpan Delivered = TimeSpan.FromSeconds(60);

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
    public async Task Deliver_EventsOfSeveralKeys_EachKeyInOrderAndForwarded()
    {
        var node = await StartNodeAsync(Consumer(node: null, "1.0.0", 100, forwardTo: "orders-out"));
        var expected = new Dictionary<string, List<string>>();
        for (var i = 0; i < 10; i++)
        {
            foreach (var key in new[] { "alpha", "beta", "gamma" })
            {
                var value = $"{key}{i}";
                (expected.TryGetValue(key, out var list) ? list : expected[key] = []).Add(value);
                await PublishAsync("orders", key, value);
            }
        }

        foreach (var (key, values) in expected)
        {
            await Poll.UntilAsync(() => History(node, key) == string.Join(",", values), Delivered, $"the history of {key}");
        }
        var forwarded = await ReadAsync("orders-out");
        Assert.Equal(30, forwarded.Count);
        Assert.All(forwarded, m => Assert.Equal("service:events", m.Headers?[EventSubjects.PublisherHeader].ToString()));
        Assert.All(forwarded, m => Assert.EndsWith(".forwarded", m.Subject));
        foreach (var key in expected.Keys)
        {
            Assert.Equal(expected[key], forwarded.Where(m => m.Headers?[EventSubjects.KeyHeader].ToString() == key).Select(Text).ToList());
        }
    }

    [Fact]
    public async Task Deliver_FailingOnce_IsDeliveredAgainAfterTheBackoff()
    {
        var node = await StartNodeAsync(Consumer(node: null, "1.0.0", 100));

        await PublishAsync("orders", "retry-key", "fail-once");
        await PublishAsync("orders", "retry-key", "after");

        await Poll.UntilAsync(() => History(node, "retry-key") == "fail-once,after", Delivered, "the retried event and the next one");
    }

    [Fact]
    public async Task Deliver_PoisonEvents_GoToDeadLettersWithTheErrorAndTheKeyMovesOn()
    {
        var node = await StartNodeAsync(Consumer(node: null, "1.0.0", 100));

        await PublishAsync("orders", "poison", "fail");
        await PublishAsync("orders", "poison", "trap");
        await PublishAsync("orders", "poison", "after");
        await PublishAsync("orders", "healthy", "fine");

        await Poll.UntilAsync(() => History(node, "poison") == "after", Delivered, "the event after two poison events");
        Assert.Equal("fine", History(node, "healthy"));
        var dead = await ReadAsync(EventSubjects.DeadLetterStream);
        Assert.Equal(2, dead.Count);
        Assert.All(dead, m => Assert.Equal("dead.events.orders", m.Subject));
        Assert.All(dead, m => Assert.Equal("3", m.Headers?[EventSubjects.AttemptsHeader].ToString()));
        Assert.Equal("asked to fail", dead[0].Headers?[EventSubjects.ErrorHeader].ToString());
        Assert.Equal("fail", Text(dead[0]));
        Assert.Contains("unreachable", dead[1].Headers?[EventSubjects.ErrorHeader].ToString());
        Assert.Equal("poison", dead[1].Headers?[EventSubjects.KeyHeader].ToString());
    }

    [Fact]
    public async Task Deliver_CanaryAtAWeight_TakesItsShareOfTheKeysAndEachKeyStaysOnOneVersion()
    {
        await StartNodeAsync(
            Consumer(node: null, "1.0.0", 70, forwardTo: "orders-out"),
            Consumer(node: null, "2.0.0", 30, forwardTo: "orders-canary"));
        var keys = Enumerable.Range(0, 40).Select(i => $"customer-{i}").ToList();
        foreach (var key in keys)
        {
            await PublishAsync("orders", key, key + "-a");
            await PublishAsync("orders", key, key + "-b");
        }

        List<INatsJSMsg<byte[]>> stable = [], canary = [];
        await Poll.UntilAsync(() =>
        {
            stable = ReadAsync("orders-out").GetAwaiter().GetResult();
            canary = ReadAsync("orders-canary").GetAwaiter().GetResult();
            return stable.Count + canary.Count >= 80;
        }, Delivered, "every event forwarded by one version or the other");
        var canaryKeys = canary.Select(m => m.Headers![EventSubjects.KeyHeader].ToString()).ToHashSet();
        var stableKeys = stable.Select(m => m.Headers![EventSubjects.KeyHeader].ToString()).ToHashSet();
        Assert.Empty(canaryKeys.Intersect(stableKeys));
        Assert.Equal(keys.Where(k => EventSubjects.BucketOf(k) >= 70).Order(), canaryKeys.Order());
        Assert.InRange(canaryKeys.Count, 1, 39);
    }

    [Fact]
    public async Task Deliver_CanaryFailingEveryEvent_TheLastAttemptRunsOnStable_NothingIsDeadLettered()
    {
        await StartNodeAsync(
            Consumer(node: null, "1.0.0", 50, forwardTo: "orders-out"),
            FailingEveryEvent(Consumer(node: null, "2.0.0", 50, forwardTo: "orders-canary")));
        var keys = Enumerable.Range(0, 20).Select(i => $"customer-{i}").ToList();
        foreach (var key in keys)
        {
            await PublishAsync("orders", key, key + "-a");
            await PublishAsync("orders", key, key + "-b");
        }

        List<INatsJSMsg<byte[]>> stable = [];
        await Poll.UntilAsync(() => (stable = ReadAsync("orders-out").GetAwaiter().GetResult()).Count >= 40, Delivered,
            "every event handled by stable, the canary's keys on their last attempt");
        Assert.Contains(keys, k => EventSubjects.BucketOf(k) >= 50);
        Assert.Empty(await ReadAsync("orders-canary"));
        Assert.Empty(await ReadAsync(EventSubjects.DeadLetterStream));
        foreach (var key in keys)
        {
            Assert.Equal([key + "-a", key + "-b"], stable.Where(m => m.Headers?[EventSubjects.KeyHeader].ToString() == key).Select(Text).ToList());
        }
    }

    [Fact]
    public async Task Deliver_CanaryWithMoreWeightThanStable_TheTriggerKeepsStablesRetryPolicy()
    {
        // The canary (80%) would dead-letter at the first failure; stable's policy (3 attempts) is the trigger's.
        var node = await StartNodeAsync(
            Consumer(node: null, "1.0.0", 20),
            WithTrigger(Consumer(node: null, "2.0.0", 80), new TriggerDto("orders", null, 4, 1, 20, 100)));
        var key = Enumerable.Range(0, 100).Select(i => $"canary-key-{i}").First(k => EventSubjects.BucketOf(k) >= 20);

        await PublishAsync("orders", key, "fail-once");
        await PublishAsync("orders", key, "after");

        await Poll.UntilAsync(() => History(node, key) == "fail-once,after", Delivered, "the failed event retried under stable's policy");
        Assert.Empty(await ReadAsync(EventSubjects.DeadLetterStream));
    }

    [Fact]
    public async Task Consume_CanaryWithALongerDeadline_TheAckWaitOutlastsItsRuns()
    {
        var node = await StartNodeAsync(
            WithDeadline(Consumer(node: null, "1.0.0", 90), 1_000),
            WithDeadline(Consumer(node: null, "2.0.0", 10), 4_000));

        ConsumerConfig? config = null;
        await Poll.UntilAsync(() => (config = ConsumerConfigOf(EventSubjects.Durable("events", "orders", null, 0))) is not null, Delivered,
            "the trigger's consumer");

        Assert.Equal(TimeSpan.FromMilliseconds(4_000) + TriggerConsumerMargin, config!.AckWait);
        Assert.Equal(1, config.MaxAckPending);
    }

    [Fact]
    public async Task Deliver_NodeGoesAwayMidStream_AnotherNodeHandlesEveryEvent()
    {
        var first = await StartNodeAsync(Consumer(node: null, "1.0.0", 100, forwardTo: "orders-out"));
        // "busy-…" events keep the guest busy for a while each: the first node goes away with some of them not yet handled.
        var values = Enumerable.Range(0, 24).Select(i => $"busy-{i}").ToList();
        foreach (var value in values)
        {
            await PublishAsync("orders", "k" + (values.IndexOf(value) % 8), value);
        }
        await Poll.UntilAsync(() => ReadAsync("orders-out").GetAwaiter().GetResult().Count > 0, Delivered, "the first node handling events");

        await first.StopNodeAsync();
        var second = first.StartAnother(new Dictionary<string, string?> { ["Nats:Url"] = nats.Url, ["Node:Name"] = "edge-test-2" });
        _hosts.Insert(0, second);
        await second.ConvergeAsync("e2", EdgeNodeHost.Service("events", "/events", ConsumerOn(second, "1.0.0", 100, forwardTo: "orders-out")));

        await Poll.UntilAsync(() => ReadAsync("orders-out").GetAwaiter().GetResult().Select(Text).ToHashSet().IsSupersetOf(values), Delivered,
            "every event handled by one node or the other");
    }

    private async Task<EdgeNodeHost> StartNodeAsync(params Func<EdgeNodeHost, VersionAssignmentDto>[] versions)
    {
        var host = await EdgeNodeHost.StartAsync(edge, new Dictionary<string, string?> { ["Nats:Url"] = nats.Url });
        _hosts.Add(host);
        await host.ConvergeAsync("e1", EdgeNodeHost.Service("events", "/events", versions.Select(v => v(host)).ToArray()));
        return host;
    }

    private static Func<EdgeNodeHost, VersionAssignmentDto> Consumer(EdgeNodeHost? node, string version, int weight, string? forwardTo = null) => host =>
        EventProbe.Consumer(node ?? host, version, weight, forwardTo is null ? null : new Dictionary<string, string> { ["forward_to"] = forwardTo });

    /// <summary>The version given the variable fail_events: its handler fails every event.</summary>
    private static Func<EdgeNodeHost, VersionAssignmentDto> FailingEveryEvent(Func<EdgeNodeHost, VersionAssignmentDto> version) => host =>
    {
        var assignment = version(host);
        var variables = new Dictionary<string, string>(assignment.Capabilities.Variables) { ["fail_events"] = "yes" };
        return assignment with { Capabilities = assignment.Capabilities with { Variables = variables } };
    };

    private static Func<EdgeNodeHost, VersionAssignmentDto> WithDeadline(Func<EdgeNodeHost, VersionAssignmentDto> version, int deadlineMs) => host =>
    {
        var assignment = version(host);
        return assignment with { Limits = assignment.Limits with { DeadlineMs = deadlineMs } };
    };

    private static Func<EdgeNodeHost, VersionAssignmentDto> WithTrigger(Func<EdgeNodeHost, VersionAssignmentDto> version, TriggerDto trigger) => host =>
        version(host) with { Triggers = [trigger] };

    private static VersionAssignmentDto ConsumerOn(EdgeNodeHost node, string version, int weight, string? forwardTo) =>
        Consumer(node, version, weight, forwardTo)(node);

    /// <summary>What the node adds to the deadline for the ack wait (TriggerConsumer.AckMargin).</summary>
    private static readonly TimeSpan TriggerConsumerMargin = TimeSpan.FromSeconds(10);

    private ConsumerConfig? ConsumerConfigOf(string durable)
    {
        try
        {
            return nats.JetStream.GetConsumerAsync(EventSubjects.Stream("orders"), durable).AsTask().GetAwaiter().GetResult().Info.Config;
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            return null;
        }
    }

    private Task<ulong> PublishAsync(string topic, string key, string data) => nats.PublishAsync(topic, key, data);

    private Task<List<INatsJSMsg<byte[]>>> ReadAsync(string topicOrStream) => nats.ReadAsync(topicOrStream);

    private static string Text(INatsJSMsg<byte[]> message) => EventProbe.Text(message);

    private static string? History(EdgeNodeHost node, string key) => EventProbe.History(node, key);
}
