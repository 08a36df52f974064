using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeRuntime.Events;

/// <summary>The platform:edge <c>event</c> record on the host side: one delivery of one event to a consumer.</summary>
/// <param name="Subject">The publisher's subject within the topic ("_" for none).</param>
/// <param name="Key">The ordering key ("" for none).</param>
/// <param name="Id">The event's id, the same on every redelivery.</param>
/// <param name="Attempt">This delivery's number, from 1.</param>
/// <param name="Headers">Lower-case names: content-type, the publisher, the schema version, the W3C trace context.</param>
public sealed record EdgeEvent(
    string Topic,
    string Subject,
    string Key,
    string Id,
    uint Attempt,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Data) : GuestInput;
