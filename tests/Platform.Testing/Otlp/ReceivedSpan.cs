namespace Platform.Testing.Otlp;

/// <summary>A span as an OTLP receiver got it, with the resource of the process that exported it.</summary>
/// <param name="TraceId">32 lower-case hex digits.</param>
/// <param name="ParentSpanId">16 lower-case hex digits; null for a root span.</param>
/// <param name="Service">The resource's <c>service.name</c>.</param>
/// <param name="Instance">The resource's <c>service.instance.id</c> (an edge node's name).</param>
public sealed record ReceivedSpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Service,
    string? Instance,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<ReceivedEvent> Events,
    bool IsError,
    string StatusMessage)
{
    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);

    public override string ToString() => $"{Service}{(Instance is null ? "" : "@" + Instance)} '{Name}' {TraceId}/{SpanId}";
}
