using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Platform.Contracts.Topics;
using Platform.Domain.Topics;

namespace Platform.Application.Topics;

/// <summary>
/// The JetStream side of consumers: the state of a trigger's durable consumers (lag, in flight, redeliveries), the service's
/// dead letters, and the consumers of a replay (<see cref="EventReplay"/>): made here with the starting point, so nodes only
/// bind to them, and deleted here when the replay ends. Calls are bounded like <see cref="TopicStreams"/>' (a
/// <see cref="NatsException"/> after <see cref="TopicStreams.Timeout"/>).
/// </summary>
public sealed class ConsumerStreams(INatsConnection connection)
{
    /// <summary>Dead letters shown at most per page.</summary>
    public const int MaxDeadLetters = 100;

    private const int MaxShownBytes = 4096;

    private readonly NatsJSContext _js = new((NatsConnection)connection);

    /// <summary>A trigger's consumers taken together; null when no node has made them yet.</summary>
    public async Task<ConsumerFigures?> FiguresAsync(string service, string topic, string? filter, CancellationToken ct)
    {
        var figures = new ConsumerFigures();
        var found = false;
        for (var partition = 0; partition < EventSubjects.Partitions; partition++)
        {
            if (await InfoAsync(EventSubjects.Stream(topic), EventSubjects.Durable(service, topic, filter, partition), ct) is not { } info) continue;
            found = true;
            figures.Add(info);
        }
        return found ? figures : null;
    }

    /// <summary>How many dead letters the service has of the topic.</summary>
    public async Task<long> DeadLetterCountAsync(string service, string topic, CancellationToken ct)
    {
        var subject = EventSubjects.DeadLetterSubject(service, topic);
        try
        {
            var stream = await Bounded(token => _js.GetStreamAsync(EventSubjects.DeadLetterStream, new StreamInfoRequest { SubjectsFilter = subject }, token), ct);
            return stream.Info.State.Subjects is { } subjects && subjects.TryGetValue(subject, out var count) ? (long)count : 0;
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            return 0;
        }
    }

    /// <summary>The service's dead letters of the topic, oldest first, from stream sequence <paramref name="after"/> on.</summary>
    public async Task<List<DeadLetterDto>> DeadLettersAsync(string service, string topic, ulong after, int limit, CancellationToken ct)
    {
        var list = new List<DeadLetterDto>();
        if (await DeadLetterCountAsync(service, topic, ct) == 0) return list;
        // A short-lived consumer of its own over the service's subject (ordered consumers' filters need nats-server 2.10).
        var config = new ConsumerConfig($"view-{Guid.NewGuid():N}")
        {
            FilterSubject = EventSubjects.DeadLetterSubject(service, topic),
            AckPolicy = ConsumerConfigAckPolicy.None,
            DeliverPolicy = after > 0 ? ConsumerConfigDeliverPolicy.ByStartSequence : ConsumerConfigDeliverPolicy.All,
            OptStartSeq = after > 0 ? after + 1 : 0,
            InactiveThreshold = TimeSpan.FromSeconds(30),
            MemStorage = true,
        };
        var consumer = await Bounded(token => _js.CreateOrUpdateConsumerAsync(EventSubjects.DeadLetterStream, config, token), ct);
        try
        {
            await Bounded(async token =>
            {
                await foreach (var message in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = Math.Clamp(limit, 1, MaxDeadLetters) }, cancellationToken: token))
                {
                    list.Add(ToDto(message));
                }
                return true;
            }, ct);
        }
        finally
        {
            await Bounded(token => _js.DeleteConsumerAsync(EventSubjects.DeadLetterStream, config.Name!, token), ct);
        }
        return list;
    }

    /// <summary>The last sequence of the replay's source stream now: where the replay ends.</summary>
    public async Task<ulong> LastSequenceAsync(EventReplay replay, CancellationToken ct)
    {
        var stream = replay.Source == ReplaySource.DeadLetters ? EventSubjects.DeadLetterStream : EventSubjects.Stream(replay.Topic);
        return (await Bounded(token => _js.GetStreamAsync(stream, cancellationToken: token), ct)).Info.State.LastSeq;
    }

    /// <summary>
    /// Makes a replay's consumers (one per partition for a topic replay, one for a re-drive); safe to repeat. An event not
    /// acknowledged within <paramref name="ackWait"/> (the target's deadline and a margin) is given out again.
    /// </summary>
    public async Task StartReplayAsync(EventReplay replay, string service, TimeSpan ackWait, CancellationToken ct)
    {
        if (replay.Source == ReplaySource.DeadLetters)
        {
            await Bounded(token => _js.CreateOrUpdateConsumerAsync(EventSubjects.DeadLetterStream, new ConsumerConfig(EventSubjects.ReplayDurable(replay.Id, null))
            {
                FilterSubject = EventSubjects.DeadLetterSubject(service, replay.Topic),
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                MaxAckPending = 1,
                AckWait = ackWait,
                DeliverPolicy = ConsumerConfigDeliverPolicy.All,
                MaxDeliver = -1,
                InactiveThreshold = Abandoned,
                Description = $"re-drive of {service}'s dead letters of {replay.Topic}",
            }, token), ct);
            return;
        }
        for (var partition = 0; partition < EventSubjects.Partitions; partition++)
        {
            var config = new ConsumerConfig(EventSubjects.ReplayDurable(replay.Id, partition))
            {
                FilterSubject = EventSubjects.Filter(replay.Topic, partition, replay.Filter),
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                MaxAckPending = 1,
                AckWait = ackWait,
                MaxDeliver = -1,
                InactiveThreshold = Abandoned,
                Description = $"replay of {service} on {replay.Topic} (partition {partition})",
            };
            if (replay.FromTime is { } time)
            {
                config.DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartTime;
                config.OptStartTime = time;
            }
            else
            {
                config.DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartSequence;
                config.OptStartSeq = (ulong)Math.Max(1, replay.FromSequence ?? 1);
            }
            await Bounded(token => _js.CreateOrUpdateConsumerAsync(EventSubjects.Stream(replay.Topic), config, token), ct);
        }
    }

    /// <summary>
    /// Events of the replay still to go (an upper bound), or 0 when every consumer has passed the replay's end with nothing in
    /// flight; null when its consumers are gone (deleted, or expired unused).
    /// </summary>
    public async Task<long?> RemainingAsync(EventReplay replay, CancellationToken ct)
    {
        var (stream, partitions) = Consumers(replay);
        long remaining = 0;
        var any = false;
        foreach (var durable in partitions)
        {
            if (await InfoAsync(stream, durable, ct) is not { } info) continue;
            any = true;
            var passedEnd = info.AckFloor.StreamSeq >= (ulong)replay.UntilSequence || (info.NumPending == 0 && info.NumAckPending == 0);
            if (!passedEnd) remaining += (long)info.NumPending + info.NumAckPending;
        }
        return any ? remaining : null;
    }

    /// <summary>Deletes a replay's consumers; those gone already are fine.</summary>
    public async Task EndReplayAsync(EventReplay replay, CancellationToken ct)
    {
        var (stream, partitions) = Consumers(replay);
        foreach (var durable in partitions)
        {
            try
            {
                await Bounded(token => _js.DeleteConsumerAsync(stream, durable, token), ct);
            }
            catch (NatsJSApiException e) when (e.Error.Code == 404)
            {
            }
        }
    }

    /// <summary>A replay's consumers nobody reads for this long are removed by JetStream itself (the Deployer ends replays sooner).</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromDays(1);

    private static (string Stream, IEnumerable<string> Durables) Consumers(EventReplay replay) =>
        replay.Source == ReplaySource.DeadLetters
            ? (EventSubjects.DeadLetterStream, [EventSubjects.ReplayDurable(replay.Id, null)])
            : (EventSubjects.Stream(replay.Topic), Enumerable.Range(0, EventSubjects.Partitions).Select(p => EventSubjects.ReplayDurable(replay.Id, p)));

    private async Task<ConsumerInfo?> InfoAsync(string stream, string durable, CancellationToken ct)
    {
        try
        {
            return (await Bounded(token => _js.GetConsumerAsync(stream, durable, token), ct)).Info;
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            return null;
        }
    }

    private static DeadLetterDto ToDto(INatsJSMsg<byte[]> message)
    {
        string? Header(string name) => message.Headers?.TryGetValue(name, out var value) == true ? value.ToString() : null;
        var data = message.Data ?? [];
        var shown = data.Length > MaxShownBytes ? data[..MaxShownBytes] : data;
        var original = Header(EventSubjects.OriginalSubjectHeader) ?? "";
        return new DeadLetterDto(
            message.Metadata?.Sequence.Stream ?? 0,
            Header(EventSubjects.EventIdHeader),
            Header(EventSubjects.KeyHeader),
            EventSubjects.SubjectOf(original),
            ulong.TryParse(Header(EventSubjects.OriginalSequenceHeader), out var sequence) ? sequence : 0,
            int.TryParse(Header(EventSubjects.AttemptsHeader), out var attempts) ? attempts : 0,
            Header(EventSubjects.ErrorHeader) ?? "",
            message.Metadata?.Timestamp ?? default,
            System.Text.Encoding.UTF8.GetString(shown),
            data.Length > MaxShownBytes);
    }

    private static Task<T> Bounded<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken ct) =>
        TopicStreams.BoundedAsync(async token => await call(token), ct);
}
