using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Platform.EdgeNode.Events;

/// <summary>
/// Reads one durable consumer one message at a time until stopped: binds to it (<paramref name="bind"/>: make or find it),
/// hands each message to <paramref name="handle"/>, and when the broker is away or the consumer missing, waits and binds again.
/// </summary>
internal static partial class ConsumerLoop
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(string what, Func<CancellationToken, ValueTask<INatsJSConsumer>> bind, Func<INatsJSMsg<byte[]>, Task> handle,
        ILogger logger, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var consumer = await bind(stop);
                await foreach (var message in consumer.ConsumeAsync<byte[]>(opts: new NatsJSConsumeOpts { MaxMsgs = 1 }, cancellationToken: stop))
                {
                    await handle(message);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NatsException or NatsJSException or TimeoutException)
            {
                LogBrokerProblem(logger, what, ex.Message);
                try
                {
                    await Task.Delay(RetryDelay, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot consume {What} now: {Reason}")]
    private static partial void LogBrokerProblem(ILogger logger, string what, string reason);
}
