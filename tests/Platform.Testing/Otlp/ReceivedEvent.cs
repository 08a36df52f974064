namespace Platform.Testing.Otlp;

/// <summary>An event of a received span, its attribute values as text.</summary>
public sealed record ReceivedEvent(string Name, IReadOnlyDictionary<string, string> Attributes);
