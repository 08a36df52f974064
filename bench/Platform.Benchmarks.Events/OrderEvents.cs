using System.Diagnostics;
using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Platform.Contracts.Topics;

namespace Platform.Benchmarks.Events;

/// <summary>
/// Order events as a shop would publish them, straight to a topic's stream on the platform's subjects
/// (<see cref="EventSubjects.Subject"/>, subject "created") with the headers the API's publish gives an event (key, publisher,
/// trace context, a unique message id). The key is the customer (<c>c-0000</c>…, spread over every partition); the payload is
/// the same size for every event of a run (about 190 bytes) and carries the time it was placed.
/// </summary>
internal sealed class OrderEvents(NatsJSContext js, string topic, int keys)
{
    public const string Subject = "created";

    private static readonly string[] Currencies = ["EUR", "USD", "GBP", "CHF"];

    public string Topic => topic;

    /// <summary>The key of event <paramref name="index"/>.</summary>
    public string KeyOf(int index) => $"c-{index % keys:D4}";

    /// <summary>The order id of event <paramref name="index"/> of run <paramref name="run"/> (unique across the benchmark).</summary>
    public static string OrderId(string run, int index) => $"o-{run}-{index:D6}";

    public static byte[] Payload(string run, int index, string customer) =>
        Encoding.UTF8.GetBytes(
            $$"""{"orderId":"{{OrderId(run, index)}}","customer":"{{customer}}","amount":{{1000 + index % 9000}},"currency":"{{Currencies[index % Currencies.Length]}}","items":[{"sku":"sku-{{index % 97:D3}}","qty":{{1 + index % 5}}}],"placedAt":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}""");

    /// <summary>Publishes event <paramref name="index"/> of <paramref name="run"/>; its stream sequence and when it was sent (<see cref="Stopwatch"/>).</summary>
    public async Task<(ulong Sequence, long SentAt)> PublishAsync(string run, int index, CancellationToken ct)
    {
        var key = KeyOf(index);
        var headers = new NatsHeaders
        {
            [EventSubjects.KeyHeader] = key,
            [EventSubjects.PublisherHeader] = "bench:events",
            ["Content-Type"] = "application/json",
            ["traceparent"] = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00",
        };
        var payload = Payload(run, index, key);
        var sent = Stopwatch.GetTimestamp();
        var ack = await js.PublishAsync(EventSubjects.Subject(topic, key, Subject), payload, headers: headers,
            opts: new NatsJSPubOpts { MsgId = Guid.NewGuid().ToString(), ExpectedStream = EventSubjects.Stream(topic) }, cancellationToken: ct);
        ack.EnsureSuccess();
        return (ack.Seq, sent);
    }
}
