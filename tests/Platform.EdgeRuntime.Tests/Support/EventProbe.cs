using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Platform.Contracts.Nodes;
using Platform.Contracts.Topics;
using Platform.Testing;

namespace Platform.EdgeRuntime.Tests.Support;

/// <summary>
/// What the event tests do with the broker and the consumer component (tests/components/events): publish as the platform
/// does, read a stream back, and read a key's history from the component over HTTP.
/// </summary>
internal static class EventProbe
{
    /// <summary>Publishes <paramref name="data"/> with <paramref name="key"/> and <paramref name="subject"/>; answers its stream sequence.</summary>
    public static async Task<ulong> PublishAsync(this NatsServer nats, string topic, string key, string data, string subject = "created")
    {
        var headers = new NatsHeaders { [EventSubjects.KeyHeader] = key, [EventSubjects.IdHeader] = Guid.NewGuid().ToString() };
        var ack = await nats.JetStream.PublishAsync(EventSubjects.Subject(topic, key, subject), Encoding.UTF8.GetBytes(data), headers: headers);
        ack.EnsureSuccess();
        return ack.Seq;
    }

    /// <summary>Every message of a topic's stream (or of the dead letters), in order; none when the stream does not exist.</summary>
    public static async Task<List<INatsJSMsg<byte[]>>> ReadAsync(this NatsServer nats, string topicOrStream)
    {
        var stream = topicOrStream == EventSubjects.DeadLetterStream ? topicOrStream : EventSubjects.Stream(topicOrStream);
        var messages = new List<INatsJSMsg<byte[]>>();
        try
        {
            var consumer = await nats.JetStream.CreateOrderedConsumerAsync(stream);
            await foreach (var message in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 1000 }))
            {
                messages.Add(message);
            }
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
        }
        return messages;
    }

    public static string Text(INatsJSMsg<byte[]> message) => Encoding.UTF8.GetString(message.Data ?? []);

    /// <summary>The history the consumer component keeps for <paramref name="key"/> (null before its first event).</summary>
    public static string? History(EdgeNodeHost node, string key)
    {
        using var response = node.Ingress.GetAsync($"/events/history/{key}").GetAwaiter().GetResult();
        return response.IsSuccessStatusCode ? response.Content.ReadAsStringAsync().GetAwaiter().GetResult() : null;
    }

    /// <summary>
    /// A version of the consumer component: the "orders" trigger (3 attempts, 20 ms backoff), the store "default", publishing to
    /// the output topics; <paramref name="variables"/> (forward_to, fixed) as given.
    /// </summary>
    public static VersionAssignmentDto Consumer(EdgeNodeHost node, string version, int weight, IReadOnlyDictionary<string, string>? variables = null) =>
        node.Version(version, "events", weight) with
        {
            Capabilities = new CapabilitiesDto([], ["default"], variables ?? new Dictionary<string, string>(), PublishTopics: ["orders-out", "orders-canary"]),
            Triggers = [new TriggerDto("orders", null, 4, 3, 20, 100)],
        };
}
