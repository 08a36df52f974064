using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using NATS.Client.Core;

namespace Platform.Benchmarks.Events;

/// <summary>
/// Sees every acknowledgement a consumer sends for a stream's events: a core NATS subscription on the stream's ack subjects
/// (<c>$JS.ACK.&lt;stream&gt;.&lt;consumer&gt;.&lt;delivered&gt;.&lt;stream sequence&gt;.…</c>), which receives each ack as the
/// server does. An event counts as handled when its first positive ack ("+ACK") arrives: for the edge node that is after the
/// guest handled it (the node acknowledges only then), for the baseline as soon as it was received. Negative acks and
/// terminations are counted (a healthy run has none).
/// </summary>
internal sealed class AckObserver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<long>> _handled = new();
    private readonly INatsSub<byte[]> _subscription;
    private readonly Task _loop;
    private int _negative;

    private AckObserver(INatsSub<byte[]> subscription)
    {
        _subscription = subscription;
        _loop = Task.Run(ReadAsync);
    }

    /// <summary>Negative acknowledgements and terminations seen (retries, dead letters).</summary>
    public int Negative => Volatile.Read(ref _negative);

    public static async Task<AckObserver> StartAsync(NatsConnection nats, string stream, CancellationToken ct)
    {
        var subscription = await nats.SubscribeCoreAsync<byte[]>($"$JS.ACK.{stream}.>", cancellationToken: ct);
        // The server has the subscription once it answered a ping sent after it.
        await nats.PingAsync(ct);
        return new AckObserver(subscription);
    }

    /// <summary>When (<see cref="Stopwatch"/> timestamp) the event with this stream sequence was first acknowledged.</summary>
    public Task<long> HandledAt(ulong sequence) => Slot(sequence).Task;

    private TaskCompletionSource<long> Slot(ulong sequence) =>
        _handled.GetOrAdd(sequence, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task ReadAsync()
    {
        await foreach (var message in _subscription.Msgs.ReadAllAsync())
        {
            var now = Stopwatch.GetTimestamp();
            var payload = message.Data is { Length: > 0 } data ? Encoding.ASCII.GetString(data) : "+ACK";
            if (payload.StartsWith("+ACK", StringComparison.Ordinal))
            {
                if (StreamSequence(message.Subject) is { } sequence)
                {
                    Slot(sequence).TrySetResult(now);
                }
            }
            else if (payload.StartsWith("-NAK", StringComparison.Ordinal) || payload.StartsWith("+TERM", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _negative);
            }
        }
    }

    /// <summary>
    /// The stream sequence of an ack subject: <c>$JS.ACK.stream.consumer.delivered.sseq.cseq.ts.pending</c>, or with a domain and
    /// account hash <c>$JS.ACK.domain.hash.stream.consumer.delivered.sseq.cseq.ts.pending.token</c>.
    /// </summary>
    private static ulong? StreamSequence(string subject)
    {
        var tokens = subject.Split('.');
        var index = tokens.Length == 9 ? 5 : tokens.Length >= 11 ? 7 : -1;
        return index >= 0 && ulong.TryParse(tokens[index], out var sequence) ? sequence : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _subscription.UnsubscribeAsync();
        await _loop;
        await _subscription.DisposeAsync();
    }
}
