using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Platform.Contracts.Topics;

namespace Platform.Benchmarks.Events;

/// <summary>
/// The baseline: what an edge node does per event minus the guest. Like the node's trigger consumer
/// (src/EdgeNode/Events/TriggerConsumer.cs) it runs one loop per partition of the topic over a durable pull consumer with the
/// node's settings (explicit acknowledgement, at most one event unacknowledged, the ack wait of a 1 s deadline plus 10 s) and
/// pulls one event at a time; each event is acknowledged as soon as it arrives.
/// </summary>
internal static class RawConsumer
{
    public const string DurablePrefix = "raw--";

    public static async Task RunAsync(NatsConnection nats, string topic, CancellationToken stop)
    {
        var js = new NatsJSContext(nats);
        await Task.WhenAll(Enumerable.Range(0, EventSubjects.Partitions).Select(p => Task.Run(() => ConsumeAsync(js, topic, p, stop))));
    }

    private static async Task ConsumeAsync(NatsJSContext js, string topic, int partition, CancellationToken stop)
    {
        var config = new ConsumerConfig($"{DurablePrefix}{topic}--{partition}")
        {
            FilterSubject = EventSubjects.Filter(topic, partition, null),
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            MaxAckPending = 1,
            AckWait = TimeSpan.FromMilliseconds(1000) + TimeSpan.FromSeconds(10),
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            MaxDeliver = -1,
            Description = $"events benchmark baseline consuming {topic} (partition {partition})",
        };
        try
        {
            var consumer = await js.CreateOrUpdateConsumerAsync(EventSubjects.Stream(topic), config, stop);
            await foreach (var message in consumer.ConsumeAsync<byte[]>(opts: new NatsJSConsumeOpts { MaxMsgs = 1 }, cancellationToken: stop))
            {
                await message.AckAsync(cancellationToken: stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
