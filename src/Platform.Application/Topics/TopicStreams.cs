using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Platform.Contracts.Topics;
using Platform.Domain.Topics;

namespace Platform.Application.Topics;

/// <summary>
/// The JetStream side of topics: one stream per topic (<see cref="TopicNames"/>) whose limits are the topic's retention.
/// Every call states the whole wanted configuration (absolute, safe to repeat).
/// </summary>
public sealed class TopicStreams(INatsConnection connection)
{
    /// <summary>How long a publish's message id is remembered (an Idempotency-Key repeat within it is stored once).</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(2);

    private readonly NatsJSContext _js = new((NatsConnection)connection);

    /// <summary>Creates the topic's stream, or brings an existing one to the topic's retention.</summary>
    public async Task ApplyAsync(Topic topic, int maxEventBytes, CancellationToken ct)
    {
        var config = new StreamConfig(TopicNames.Stream(topic.Name), TopicNames.StreamSubjects(topic.Name))
        {
            Storage = StreamConfigStorage.File,
            Retention = StreamConfigRetention.Limits,
            Discard = StreamConfigDiscard.Old,
            MaxAge = topic.MaxAge ?? TimeSpan.Zero,
            MaxBytes = topic.MaxBytes ?? -1,
            MaxMsgSize = maxEventBytes + 16 * 1024,
            // JetStream refuses a duplicate window longer than the stream's max age.
            DuplicateWindow = topic.MaxAge is { } age && age < DuplicateWindow ? age : DuplicateWindow,
        };
        await BoundedAsync(async token => await _js.CreateOrUpdateStreamAsync(config, token), ct);
    }

    /// <summary>Deletes the topic's stream and its events; a stream already gone is fine.</summary>
    public async Task DeleteAsync(string topic, CancellationToken ct)
    {
        try
        {
            await BoundedAsync(async token => await _js.DeleteStreamAsync(TopicNames.Stream(topic), token), ct);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
        }
    }

    /// <summary>
    /// Stores one event of <paramref name="key"/> (null: no order) with <paramref name="subject"/> (null: none) on the topic and waits
    /// for JetStream's acknowledgement. <paramref name="messageId"/>, when given, makes a repeat within the duplicate window a no-op
    /// that answers the first sequence.
    /// </summary>
    public async Task<(ulong Sequence, bool Duplicate)> PublishAsync(string topic, string? key, string? subject, ReadOnlyMemory<byte> body, NatsHeaders headers,
        string? messageId, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(key)) headers[EventSubjects.KeyHeader] = key;
        var ack = await BoundedAsync(async token => await _js.PublishAsync(EventSubjects.Subject(topic, key, subject), body, headers: headers,
            opts: new NatsJSPubOpts { MsgId = messageId, ExpectedStream = TopicNames.Stream(topic) }, cancellationToken: token), ct);
        if (!ack.Duplicate) ack.EnsureSuccess(); // EnsureSuccess treats a recognised duplicate as a failure; here it is the answer
        return (ack.Seq, ack.Duplicate);
    }

    /// <summary>
    /// While NATS is away the client waits for it to come back; a request of the API must not wait with it: after
    /// <see cref="Timeout"/> the call fails as a <see cref="NatsException"/> (503, nothing changed).
    /// </summary>
    internal static async Task<T> BoundedAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new NatsException($"NATS JetStream did not answer within {Timeout.TotalSeconds:0} s.");
        }
    }

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Whether the server answers (readiness).</summary>
    public async Task<TimeSpan> PingAsync(CancellationToken ct) => await connection.PingAsync(ct);
}
