using NATS.Client.Core;
using NATS.Client.JetStream;
using Platform.Contracts.Topics;

namespace Platform.EdgeRuntime.Events;

/// <summary>
/// Publishes to a topic's JetStream stream on the partitioned subject of the event's key (<see cref="EventSubjects"/>). Called on a
/// guest worker (the capability is synchronous): it blocks that worker until JetStream acknowledges, at most for the timeout.
/// </summary>
public sealed class JetStreamEventPublisher(INatsConnection connection) : IEventPublisher
{
    private readonly NatsJSContext _js = new((NatsConnection)connection);

    public ulong Publish(string topic, string? key, string? subject, byte[] data, IReadOnlyList<KeyValuePair<string, string>> headers, TimeSpan timeout)
    {
        var natsHeaders = new NatsHeaders();
        foreach (var (name, value) in headers)
        {
            natsHeaders[name] = value;
        }
        if (!string.IsNullOrEmpty(key))
        {
            natsHeaders[EventSubjects.KeyHeader] = key;
        }
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var ack = _js.PublishAsync(EventSubjects.Subject(topic, key, subject), data, headers: natsHeaders,
                opts: new NatsJSPubOpts { ExpectedStream = EventSubjects.Stream(topic), MsgId = natsHeaders.TryGetValue(EventSubjects.IdHeader, out var id) ? id.ToString() : null },
                cancellationToken: cancel.Token).AsTask().GetAwaiter().GetResult();
            if (!ack.Duplicate)
            {
                ack.EnsureSuccess();
            }
            return ack.Seq;
        }
        catch (OperationCanceledException)
        {
            throw new EventPublishException($"the broker did not acknowledge within {timeout.TotalMilliseconds:0} ms");
        }
        catch (NatsJSApiException ex)
        {
            throw new EventPublishException($"the broker refused the event: {ex.Error.Description}", ex);
        }
        catch (NatsException ex)
        {
            throw new EventPublishException($"the broker refused the event: {ex.Message}", ex);
        }
    }
}
