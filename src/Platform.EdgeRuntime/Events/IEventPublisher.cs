namespace Platform.EdgeRuntime.Events;

/// <summary>Stores events on topics for components (the publisher capability); the node's is <see cref="JetStreamEventPublisher"/>.</summary>
public interface IEventPublisher
{
    /// <summary>Publishes and waits for the broker's acknowledgement; returns the event's sequence in its topic.</summary>
    /// <exception cref="EventPublishException">The broker refused it or did not answer within <paramref name="timeout"/>.</exception>
    ulong Publish(string topic, string? key, string? subject, byte[] data, IReadOnlyList<KeyValuePair<string, string>> headers, TimeSpan timeout);
}

/// <summary>Why a publish failed, in words a guest may read.</summary>
public sealed class EventPublishException(string message, Exception? inner = null) : Exception(message, inner);
