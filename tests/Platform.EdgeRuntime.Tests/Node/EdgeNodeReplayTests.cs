using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Platform.Contracts.Nodes;
using Platform.Contracts.Topics;
using Platform.EdgeRuntime.Tests.Support;
using Platform.Testing;

namespace Platform.EdgeRuntime.Tests.Node;

/// <summary>
/// Replays and re-drives through a real node on a real nats-server. The control plane makes a replay's consumers with the
/// starting point and lists the replay under its target version; here the test does what it does, and the node binds to them.
/// </summary>
[Collection(EdgeCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class EdgeNodeReplayTests(EdgeFixture edge, NatsServer nats) : IClassFixture<NatsServer>, IAsyncLifetime
{
    private static readonly TimeSpan Delivered = TimeSpan.FromSeconds(60);

    private EdgeNodeHost? _node;

    public async Task InitializeAsync()
    {
        await nats.ResetAsync();
        foreach (var topic in new[] { "orders", "orders-out", "orders-canary" })
        {
            await nats.JetStream.CreateStreamAsync(new StreamConfig(EventSubjects.Stream(topic), EventSubjects.StreamSubjects(topic)));
        }
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Replay_FromASequence_HandsThoseEventsUpToTheEndToTheVersionAgainAndNothingLater()
    {
        var node = await StartAsync(EventProbe.Consumer);
        foreach (var value in new[] { "a1", "a2", "a3" })
        {
            await nats.PublishAsync("orders", "k", value);
        }
        await Poll.UntilAsync(() => EventProbe.History(node, "k") == "a1,a2,a3", Delivered, "the events handled once");

        var replay = new ReplayAssignmentDto(Guid.NewGuid(), "orders", null, EventSubjects.ReplayFromTopic, UntilSequence: 3);
        await MakeReplayConsumersAsync(replay, fromSequence: 2);
        var later = await nats.PublishAsync("orders", "k", "a4");
        await node.ConvergeAsync("e2", Orders(EventProbe.Consumer(node, "1.0.0", 100) with { Replays = [replay] }));

        await Poll.UntilAsync(() => EventProbe.History(node, "k")?.Split(',').Length == 6, Delivered, "a2 and a3 handled again, a4 once");
        var history = EventProbe.History(node, "k")!.Split(',');
        Assert.Equal(4ul, later);
        Assert.Equal(["a1", "a2", "a2", "a3", "a3", "a4"], history.Order(StringComparer.Ordinal));
        // Every replay consumer passed the end: acknowledged what was after it without running it.
        await Poll.UntilAsync(() => ReplayConsumersDone(replay), Delivered, "the replay's consumers at its end");
        Assert.Equal(6, EventProbe.History(node, "k")!.Split(',').Length);
    }

    [Fact]
    public async Task Redrive_IntoAFixedVersion_HandlesTheDeadLettersAndTheyLeaveTheDeadLetters()
    {
        var node = await StartAsync(EventProbe.Consumer);
        await nats.PublishAsync("orders", "b1", "broken");
        await nats.PublishAsync("orders", "b2", "broken");
        await Poll.UntilAsync(() => nats.ReadAsync(EventSubjects.DeadLetterStream).GetAwaiter().GetResult().Count == 2, Delivered, "two dead letters");
        var dead = await nats.ReadAsync(EventSubjects.DeadLetterStream);
        Assert.All(dead, d => Assert.Equal("not fixed yet", d.Headers?[EventSubjects.ErrorHeader].ToString()));

        var redrive = new ReplayAssignmentDto(Guid.NewGuid(), "orders", null, EventSubjects.ReplayFromDeadLetters, dead[^1].Metadata!.Value.Sequence.Stream);
        await MakeReplayConsumersAsync(redrive, fromSequence: null);
        var fixedVersion = EventProbe.Consumer(node, "1.0.1", 100, new Dictionary<string, string> { ["fixed"] = "yes" }) with { Replays = [redrive] };
        await node.ConvergeAsync("e2", Orders(fixedVersion));

        await Poll.UntilAsync(() => EventProbe.History(node, "b1") == "broken" && EventProbe.History(node, "b2") == "broken", Delivered,
            "both dead letters handled by the fixed version");
        await Poll.UntilAsync(() => nats.ReadAsync(EventSubjects.DeadLetterStream).GetAwaiter().GetResult().Count == 0, Delivered,
            "the handled dead letters removed");
    }

    [Fact]
    public async Task Redrive_IntoAVersionThatStillFails_KeepsOneDeadLetterPerEventWithTheNewAttempt()
    {
        var node = await StartAsync(EventProbe.Consumer);
        await nats.PublishAsync("orders", "b1", "broken");
        await Poll.UntilAsync(() => nats.ReadAsync(EventSubjects.DeadLetterStream).GetAwaiter().GetResult().Count == 1, Delivered, "a dead letter");
        var first = Assert.Single(await nats.ReadAsync(EventSubjects.DeadLetterStream));

        var redrive = new ReplayAssignmentDto(Guid.NewGuid(), "orders", null, EventSubjects.ReplayFromDeadLetters, first.Metadata!.Value.Sequence.Stream);
        await MakeReplayConsumersAsync(redrive, fromSequence: null);
        await node.ConvergeAsync("e2", Orders(EventProbe.Consumer(node, "1.0.0", 100) with { Replays = [redrive] }));

        await Poll.UntilAsync(() => nats.ReadAsync(EventSubjects.DeadLetterStream).GetAwaiter().GetResult() is [var only]
            && only.Metadata!.Value.Sequence.Stream > first.Metadata!.Value.Sequence.Stream, Delivered, "the dead letter replaced by a fresh one");
        var fresh = Assert.Single(await nats.ReadAsync(EventSubjects.DeadLetterStream));
        Assert.Equal("not fixed yet", fresh.Headers?[EventSubjects.ErrorHeader].ToString());
        Assert.Equal(first.Headers?[EventSubjects.OriginalSequenceHeader].ToString(), fresh.Headers?[EventSubjects.OriginalSequenceHeader].ToString());
        Assert.Equal(first.Headers?[EventSubjects.EventIdHeader].ToString(), fresh.Headers?[EventSubjects.EventIdHeader].ToString());
        Assert.Equal("broken", EventProbe.Text(fresh));
        Assert.Null(EventProbe.History(node, "b1"));
    }

    [Fact]
    public async Task Redrive_DeadLettersOfTwoTriggersOnTheTopic_EachGoesThroughItsOwnTriggersAttempts()
    {
        // "eu.*" events get one attempt, "us.*" events two: the consumer fails both ("broken" until fixed).
        static VersionAssignmentDto TwoTriggers(EdgeNodeHost node, string version, int weight, IReadOnlyDictionary<string, string>? variables) =>
            EventProbe.Consumer(node, version, weight, variables) with
            {
                Triggers = [new TriggerDto("orders", "eu.*", 4, 1, 20, 100), new TriggerDto("orders", "us.*", 4, 2, 20, 100)],
            };
        var node = await StartAsync(TwoTriggers);
        await nats.PublishAsync("orders", "b-eu", "broken", subject: "eu.created");
        await nats.PublishAsync("orders", "b-us", "broken", subject: "us.created");
        await Poll.UntilAsync(() => nats.ReadAsync(EventSubjects.DeadLetterStream).GetAwaiter().GetResult().Count == 2, Delivered, "two dead letters");
        var dead = await nats.ReadAsync(EventSubjects.DeadLetterStream);
        Assert.Equal(["eu.created:1", "us.created:2"], Attempts(dead));

        var redrive = new ReplayAssignmentDto(Guid.NewGuid(), "orders", null, EventSubjects.ReplayFromDeadLetters, dead[^1].Metadata!.Value.Sequence.Stream);
        await MakeReplayConsumersAsync(redrive, fromSequence: null);
        await node.ConvergeAsync("e2", Orders(TwoTriggers(node, "1.0.0", 100, null) with { Replays = [redrive] }));

        await Poll.UntilAsync(() => nats.ReadAsync(EventSubjects.DeadLetterStream).GetAwaiter().GetResult()
            .All(d => d.Metadata!.Value.Sequence.Stream > dead[^1].Metadata!.Value.Sequence.Stream) , Delivered, "both dead letters replaced by fresh ones");
        var fresh = await nats.ReadAsync(EventSubjects.DeadLetterStream);
        Assert.Equal(["eu.created:1", "us.created:2"], Attempts(fresh));

        static List<string> Attempts(List<INatsJSMsg<byte[]>> letters) => letters
            .Select(d => $"{EventSubjects.SubjectOf(d.Headers![EventSubjects.OriginalSubjectHeader].ToString())}:{d.Headers[EventSubjects.AttemptsHeader]}")
            .Order(StringComparer.Ordinal).ToList();
    }

    private async Task<EdgeNodeHost> StartAsync(Func<EdgeNodeHost, string, int, IReadOnlyDictionary<string, string>?, VersionAssignmentDto> version)
    {
        _node = await EdgeNodeHost.StartAsync(edge, new Dictionary<string, string?> { ["Nats:Url"] = nats.Url });
        await _node.ConvergeAsync("e1", Orders(version(_node, "1.0.0", 100, null)));
        return _node;
    }

    private static ServiceAssignmentDto Orders(params VersionAssignmentDto[] versions) => EdgeNodeHost.Service("events", "/events", versions);

    /// <summary>What the control plane does when a replay is asked: the replay's consumers with its starting point.</summary>
    private async Task MakeReplayConsumersAsync(ReplayAssignmentDto replay, ulong? fromSequence)
    {
        if (replay.Source == EventSubjects.ReplayFromDeadLetters)
        {
            await nats.JetStream.CreateOrUpdateConsumerAsync(EventSubjects.DeadLetterStream, new ConsumerConfig(EventSubjects.ReplayDurable(replay.Id, null))
            {
                FilterSubject = EventSubjects.DeadLetterSubject("events", replay.Topic), AckPolicy = ConsumerConfigAckPolicy.Explicit, MaxAckPending = 1,
            });
            return;
        }
        for (var partition = 0; partition < EventSubjects.Partitions; partition++)
        {
            await nats.JetStream.CreateOrUpdateConsumerAsync(EventSubjects.Stream(replay.Topic), new ConsumerConfig(EventSubjects.ReplayDurable(replay.Id, partition))
            {
                FilterSubject = EventSubjects.Filter(replay.Topic, partition, replay.Filter), AckPolicy = ConsumerConfigAckPolicy.Explicit, MaxAckPending = 1,
                DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartSequence, OptStartSeq = fromSequence ?? 1,
            });
        }
    }

    private bool ReplayConsumersDone(ReplayAssignmentDto replay) =>
        Enumerable.Range(0, EventSubjects.Partitions).All(p =>
        {
            var info = nats.JetStream.GetConsumerAsync(EventSubjects.Stream(replay.Topic), EventSubjects.ReplayDurable(replay.Id, p))
                .AsTask().GetAwaiter().GetResult().Info;
            return info.NumPending == 0 && info.NumAckPending == 0;
        });
}
