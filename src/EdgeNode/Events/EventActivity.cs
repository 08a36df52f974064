using System.Diagnostics;

namespace Platform.EdgeNode.Events;

/// <summary>Spans of event deliveries: the node's "Platform.Edge" source, as for guest runs.</summary>
internal static class EventActivity
{
    public static readonly ActivitySource Source = new("Platform.Edge");
}
