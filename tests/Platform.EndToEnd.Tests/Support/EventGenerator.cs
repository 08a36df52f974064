using System.Collections.Concurrent;
using System.Globalization;
using Platform.Client;

namespace Platform.EndToEnd.Tests.Support;

/// <summary>
/// Live events for a consumer: a loop publishing through the API (<c>POST /topics/{name}/events</c>) until stopped, the data
/// a running number (a JSON number, so each event is told apart), the key the next of <c>keys</c> customers in turn. A publish
/// is never cancelled half-way, so <see cref="Published"/> is exactly what the topic holds; a refused publish ends the loop
/// and <see cref="StopAsync"/> throws it.
/// </summary>
public sealed class EventGenerator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<PublishedEvent> _published = new();
    private readonly Task _loop;

    public EventGenerator(PlatformClient client, string topic, int keys)
    {
        _loop = Task.Run(() => LoopAsync(client, topic, keys));
    }

    /// <summary>The events stored on the topic so far, in publishing order.</summary>
    public IReadOnlyList<PublishedEvent> Published => [.. _published];

    private async Task LoopAsync(PlatformClient client, string topic, int keys)
    {
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            var published = new PublishedEvent($"customer-{i % keys}", i.ToString(CultureInfo.InvariantCulture));
            await client.PublishEventAsync(topic, published.Data, key: published.Key);
            _published.Enqueue(published);
        }
    }

    /// <summary>Stops after the publish under way; throws what ended the loop early.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        // A failed loop is StopAsync's to report (or the test failed before it).
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
