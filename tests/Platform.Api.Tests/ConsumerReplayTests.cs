using System.Net;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Services;
using Platform.Contracts.Topics;

namespace Platform.Api.Tests;

/// <summary>
/// A service's consumers as the API shows them (lag, in flight, dead letters), replays from a sequence or a time, re-drives of
/// dead letters and their cancellation: who may, what is refused (naming the field, nothing stored, no consumer made), what reaches
/// JetStream and the nodes' desired state, and what the audit log says.
/// </summary>
public sealed class ConsumerReplayTests(ApiFactory api) : ApiTest(api)
{
    private const string Manifest = "name = \"projector\"\n[[triggers]]\ntopic = \"orders\"\n";

    /// <summary>Alice (payments) with the topic orders, three events in it, and projector 1.0.0 consuming it, deployed.</summary>
    private async Task<PlatformClient> DeployedConsumerAsync()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateTopicAsync(new CreateTopicRequest("orders", "payments"));
        await alice.CreateTopicAsync(new CreateTopicRequest("audit-trail", "payments"));
        await alice.CreateServiceAsync(new CreateServiceRequest("projector", "payments"));
        await alice.PublishVersionAsync("projector", "1.0.0", EventComponents.Consumer, Manifest);
        await Api.DeployAsync("projector", "1.0.0");
        foreach (var key in new[] { "o-1", "o-2", "o-3" })
        {
            await alice.PublishEventAsync("orders", $$"""{"order":"{{key}}"}""", key: key);
        }
        return alice;
    }

    private NatsJSContext JetStream => Api.Nats.JetStream;

    private async Task<List<string>> ReplayConsumersAsync(string stream)
    {
        var names = new List<string>();
        await foreach (var name in JetStream.ListConsumerNamesAsync(stream))
        {
            if (EventSubjects.IsReplayDurable(name)) names.Add(name);
        }
        return names;
    }

    [Fact]
    public async Task Replay_FromASequence_ConsumersStartThere_ListedUnderStableInTheDesiredState_Audited()
    {
        var alice = await DeployedConsumerAsync();

        var replay = await alice.StartReplayAsync("projector", "orders", new StartReplayRequest(FromSequence: 2));

        Assert.Equal(("orders", "topic", 2L, 3L, "1.0.0", "user:alice"), (replay.Topic, replay.Source, replay.FromSequence!.Value, replay.UntilSequence, replay.Version, replay.RequestedBy));
        Assert.Null(replay.FinishedAt);
        var consumers = await ReplayConsumersAsync(EventSubjects.Stream("orders"));
        Assert.Equal(Enumerable.Range(0, EventSubjects.Partitions).Select(p => EventSubjects.ReplayDurable(replay.Id, p)).Order(), consumers.Order());
        var first = (await JetStream.GetConsumerAsync(EventSubjects.Stream("orders"), EventSubjects.ReplayDurable(replay.Id, 0))).Info.Config;
        Assert.Equal((ConsumerConfigDeliverPolicy.ByStartSequence, 2ul, 1L), (first.DeliverPolicy, first.OptStartSeq, first.MaxAckPending));
        Assert.Equal(TimeSpan.FromMilliseconds(1000) + TimeSpan.FromSeconds(10), first.AckWait);

        var (state, _) = await Api.DesiredStateOfANewNodeAsync();
        var version = Assert.Single(Assert.Single(state.Services, s => s.Service == "projector").Versions);
        var assigned = Assert.Single(version.Replays!);
        Assert.Equal((replay.Id, "orders", (string?)null, "topic", 3ul), (assigned.Id, assigned.Topic, assigned.Filter, assigned.Source, assigned.UntilSequence));

        var listed = Assert.Single(await alice.ReplaysAsync("projector"));
        Assert.Equal(2, listed.Remaining); // sequences 2 and 3, not yet handled: no node runs here
        var audit = Assert.Single(await (await Api.SignInAsync("admin")).AuditAsync("service/projector"), e => e.Action == "consumer.replay");
        Assert.Equal(("orders", "2", "3", "1.0.0"), (audit.Details["topic"], audit.Details["fromSequence"], audit.Details["until"], audit.Details["version"]));
    }

    [Fact]
    public async Task Replay_FromATime_ConsumersStartAtThatTime()
    {
        var alice = await DeployedConsumerAsync();
        var from = DateTimeOffset.UtcNow.AddMinutes(-5);

        var replay = await alice.StartReplayAsync("projector", "orders", new StartReplayRequest(FromTime: from));

        var config = (await JetStream.GetConsumerAsync(EventSubjects.Stream("orders"), EventSubjects.ReplayDurable(replay.Id, 3))).Info.Config;
        Assert.Equal(ConsumerConfigDeliverPolicy.ByStartTime, config.DeliverPolicy);
        Assert.Equal(from.ToUnixTimeSeconds(), config.OptStartTime.ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData(1L, "2026-01-01T00:00:00Z", null, null, "orders", "fromSequence")]
    [InlineData(null, null, null, null, "orders", "fromSequence")]
    [InlineData(0L, null, null, null, "orders", "fromSequence")]
    [InlineData(99L, null, null, null, "orders", "fromSequence")]
    [InlineData(null, "2999-01-01T00:00:00Z", null, null, "orders", "fromTime")]
    [InlineData(1L, null, "blue", null, "orders", "into")]
    [InlineData(1L, null, null, null, "audit-trail", "topic")]
    [InlineData(1L, null, null, "eu.*", "orders", "filter")]
    public async Task Replay_Invalid_Refused_NamingTheField_NothingStoredNoConsumerMade(long? fromSequence, string? fromTime, string? into, string? filter,
        string topic, string field)
    {
        var alice = await DeployedConsumerAsync();
        var request = new StartReplayRequest(fromSequence, fromTime is null ? null : DateTimeOffset.Parse(fromTime, System.Globalization.CultureInfo.InvariantCulture), into, filter);

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.StartReplayAsync("projector", topic, request));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(field, Assert.Single(error.Problem.Errors!.Keys));
        Assert.Empty(await alice.ReplaysAsync("projector"));
        Assert.Empty(await ReplayConsumersAsync(EventSubjects.Stream("orders")));
    }

    [Fact]
    public async Task Replay_IntoACanary_WhenThereIsNone_Conflict()
    {
        var alice = await DeployedConsumerAsync();

        var error = await Assert.ThrowsAsync<PlatformApiException>(() =>
            alice.StartReplayAsync("projector", "orders", new StartReplayRequest(FromSequence: 1, Into: "canary")));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Contains("no canary", error.Problem.Detail);
    }

    [Fact]
    public async Task Replay_ByAnotherTeam_Forbidden_AndItsDeadLettersHidden()
    {
        await DeployedConsumerAsync();
        var bob = await Api.SignInAsync("bob");

        var replay = await Assert.ThrowsAsync<PlatformApiException>(() => bob.StartReplayAsync("projector", "orders", new StartReplayRequest(FromSequence: 1)));
        var redrive = await Assert.ThrowsAsync<PlatformApiException>(() => bob.RedriveAsync("projector", "orders", new RedriveRequest()));

        Assert.Equal(HttpStatusCode.Forbidden, replay.Status);
        Assert.Equal(HttpStatusCode.Forbidden, redrive.Status);
        var read = await Assert.ThrowsAsync<PlatformApiException>(() => bob.DeadLettersAsync("projector", "orders"));
        Assert.Equal(HttpStatusCode.Forbidden, read.Status);
        Assert.Empty(await ReplayConsumersAsync(EventSubjects.Stream("orders")));
    }

    [Fact]
    public async Task Replay_WhileOneRuns_Conflict_CancelEndsIt_DeletesItsConsumers_AndTakesItOffTheNodes()
    {
        var alice = await DeployedConsumerAsync();
        var replay = await alice.StartReplayAsync("projector", "orders", new StartReplayRequest(FromSequence: 1));

        var again = await Assert.ThrowsAsync<PlatformApiException>(() => alice.StartReplayAsync("projector", "orders", new StartReplayRequest(FromSequence: 2)));
        var cancelled = await alice.CancelReplayAsync("projector", replay.Id);
        var twice = await Assert.ThrowsAsync<PlatformApiException>(() => alice.CancelReplayAsync("projector", replay.Id));

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains(replay.Id.ToString(), again.Problem.Detail);
        Assert.Equal("cancelled by user:alice", cancelled.Outcome);
        Assert.NotNull(cancelled.FinishedAt);
        Assert.Equal(HttpStatusCode.Conflict, twice.Status);
        Assert.Empty(await ReplayConsumersAsync(EventSubjects.Stream("orders")));
        var (state, json) = await Api.DesiredStateOfANewNodeAsync();
        Assert.Null(Assert.Single(Assert.Single(state.Services, s => s.Service == "projector").Versions).Replays);
        Assert.DoesNotContain("\"replays\"", json);
        Assert.Contains(await (await Api.SignInAsync("admin")).AuditAsync("service/projector"), e => e.Action == "consumer.replay.cancel");
    }

    [Fact]
    public async Task Redrive_WithoutDeadLetters_Conflict()
    {
        var alice = await DeployedConsumerAsync();

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.RedriveAsync("projector", "orders", new RedriveRequest()));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Contains("no dead letters", error.Problem.Detail);
    }

    [Fact]
    public async Task Consumers_ShowTheTriggersFigures_DeadLettersListedWithTheError_RedriveMakesOneConsumerOverThem()
    {
        var alice = await DeployedConsumerAsync();
        var before = Assert.Single(await alice.ConsumersAsync("projector"));
        Assert.Equal(("orders", "No node has consumed it yet."), (before.Topic, before.Problem));

        // What a node does: the trigger's consumers, one per partition; and two events that failed every attempt.
        for (var partition = 0; partition < EventSubjects.Partitions; partition++)
        {
            await JetStream.CreateOrUpdateConsumerAsync(EventSubjects.Stream("orders"), new ConsumerConfig(EventSubjects.Durable("projector", "orders", null, partition))
            {
                FilterSubject = EventSubjects.Filter("orders", partition, null), AckPolicy = ConsumerConfigAckPolicy.Explicit, MaxAckPending = 1,
            });
        }
        await JetStream.CreateStreamAsync(new StreamConfig(EventSubjects.DeadLetterStream, [EventSubjects.DeadLetterSubjects]));
        foreach (var (key, sequence) in new[] { ("o-1", 1), ("o-2", 2) })
        {
            var headers = new NatsHeaders
            {
                [EventSubjects.KeyHeader] = key, [EventSubjects.ErrorHeader] = "order total is negative", [EventSubjects.AttemptsHeader] = "5",
                [EventSubjects.OriginalSubjectHeader] = EventSubjects.Subject("orders", key, "created"), [EventSubjects.OriginalSequenceHeader] = sequence.ToString(),
                [EventSubjects.EventIdHeader] = $"event-{sequence}",
            };
            (await JetStream.PublishAsync(EventSubjects.DeadLetterSubject("projector", "orders"), System.Text.Encoding.UTF8.GetBytes($$"""{"order":"{{key}}"}"""), headers: headers))
                .EnsureSuccess();
        }
        await JetStream.PublishAsync(EventSubjects.DeadLetterSubject("someone-else", "orders"), "x"u8.ToArray());

        var consumer = Assert.Single(await alice.ConsumersAsync("projector"));
        var letters = await alice.DeadLettersAsync("projector", "orders");
        var redrive = await alice.RedriveAsync("projector", "orders", new RedriveRequest());

        Assert.Null(consumer.Problem);
        Assert.Equal((3L, 0L, 2L), (consumer.Pending, consumer.InFlight, consumer.DeadLetters));
        Assert.Equal(["1.0.0"], consumer.Versions);
        Assert.Equal(["o-1", "o-2"], letters.Select(l => l.Key));
        Assert.All(letters, l => Assert.Equal(("order total is negative", 5, "created"), (l.Error, l.Attempts, l.Subject)));
        Assert.Equal([1ul, 2ul], letters.Select(l => l.OriginalSequence));
        Assert.Equal("""{"order":"o-1"}""", letters[0].Data);
        Assert.Equal(("dead-letters", 3L, "1.0.0"), (redrive.Source, redrive.UntilSequence, redrive.Version));
        Assert.Equal([EventSubjects.ReplayDurable(redrive.Id, null)], await ReplayConsumersAsync(EventSubjects.DeadLetterStream));
        var config = (await JetStream.GetConsumerAsync(EventSubjects.DeadLetterStream, EventSubjects.ReplayDurable(redrive.Id, null))).Info.Config;
        Assert.Equal("dead.projector.orders", config.FilterSubject);
        Assert.Contains(await (await Api.SignInAsync("admin")).AuditAsync("service/projector"), e => e.Action == "consumer.redrive");
    }
}
