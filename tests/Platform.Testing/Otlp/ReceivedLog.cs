namespace Platform.Testing.Otlp;

/// <summary>A log record as an OTLP receiver got it; <paramref name="TraceId"/> is empty for a line outside any trace.</summary>
public sealed record ReceivedLog(string TraceId, string SpanId, string Service, string? Instance, string Body, IReadOnlyDictionary<string, string> Attributes);
