using System.Text.Json;
using Json.Schema;

namespace Platform.EdgeRuntime.Events;

/// <summary>
/// Reads topic schemas (JSON Schema, JsonSchema.Net) and checks events against them: the API for events from outside, the edge
/// node for events components publish (<see cref="TopicSchemaBook"/>).
/// </summary>
public sealed class EventSchemas
{
    /// <summary>Null when <paramref name="schema"/> is a JSON Schema the platform can evaluate; else why not.</summary>
    public string? Problem(JsonElement schema)
    {
        if (schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
            return "A JSON Schema is an object (or true/false).";
        if (ExternalReference(schema) is { } reference)
            return $"The schema refers to '{reference}': only references inside the schema (starting with '#') are allowed; the platform fetches nothing.";
        try
        {
            Build(schema);
            return null;
        }
        catch (Exception e) when (e is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException or RefResolutionException)
        {
            return $"Not a valid JSON Schema: {e.Message}";
        }
    }

    /// <summary>The event's violations of <paramref name="schema"/>, keyed by the event's path (JSON Pointer); empty when valid.</summary>
    public Dictionary<string, string[]> Violations(string schema, JsonElement @event) => Compile(schema).Violations(@event);

    /// <summary>The schema built once, for checking many events.</summary>
    /// <exception cref="JsonException">Not JSON (a stored schema was checked by <see cref="Problem"/> when it was added).</exception>
    public static EventSchema Compile(string schema)
    {
        // The built schema keeps referring to the elements it was built from: they must outlive it (a clone owns its memory).
        JsonElement root;
        using (var document = JsonDocument.Parse(schema))
        {
            root = document.RootElement.Clone();
        }
        return new EventSchema(Build(root));
    }

    private static string? ExternalReference(JsonElement node)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject())
                {
                    if (property.Name is "$ref" or "$dynamicRef" && (property.Value.ValueKind != JsonValueKind.String || !property.Value.GetString()!.StartsWith('#')))
                        return property.Value.ToString();
                    if (ExternalReference(property.Value) is { } inner) return inner;
                }
                return null;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                    if (ExternalReference(item) is { } inner) return inner;
                return null;
            default:
                return null;
        }
    }

    // Each schema is built with a registry of its own: a schema's $id must not leak into (or clash with) another topic's.
    private static JsonSchema Build(JsonElement schema) => JsonSchema.Build(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
}

/// <summary>One built schema; thread-safe (evaluation does not change it).</summary>
public sealed class EventSchema
{
    private readonly JsonSchema _schema;

    internal EventSchema(JsonSchema schema) => _schema = schema;

    /// <summary>The event's violations, keyed by the event's path (JSON Pointer; "/" for the whole event); empty when valid.</summary>
    public Dictionary<string, string[]> Violations(JsonElement @event)
    {
        var results = _schema.Evaluate(@event, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var detail in results.Details ?? [])
        {
            if (detail.Errors is not { Count: > 0 } messages) continue;
            var path = detail.InstanceLocation.ToString();
            var key = path.Length == 0 ? "/" : path;
            if (!errors.TryGetValue(key, out var list)) errors[key] = list = [];
            list.AddRange(messages.Select(m => $"{m.Value} ({m.Key})"));
        }
        if (errors.Count == 0) errors["/"] = ["The event does not match the topic's schema."];
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
