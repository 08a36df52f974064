using System.Collections.Frozen;
using System.Text.Json;
using Platform.Contracts.Nodes;

namespace Platform.EdgeRuntime.Events;

/// <summary>
/// The schemas of the topics the node's components may publish to, as the desired state lists them (<see cref="Replace"/>):
/// the publisher capability checks each event against its topic's newest schema before the broker sees it, so a component
/// cannot put into another team's topic what the API would refuse from outside. A topic without a schema takes any bytes.
/// Schemas are built once per topic and version and kept while the desired state lists them.
/// </summary>
public sealed class TopicSchemaBook
{
    private const int MaxNamedPaths = 5;

    private FrozenDictionary<string, Entry> _topics = FrozenDictionary<string, Entry>.Empty;

    /// <summary>Takes the desired state's list: topics no longer listed lose their schema here.</summary>
    public void Replace(IReadOnlyList<TopicSchemaAssignmentDto>? schemas)
    {
        var current = _topics;
        var next = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var assignment in schemas ?? [])
        {
            next[assignment.Topic] = current.TryGetValue(assignment.Topic, out var known) && known.Version == assignment.Version && known.Text == assignment.Schema
                ? known
                : new Entry(assignment.Version, assignment.Schema, new Lazy<EventSchema?>(() => Build(assignment.Schema)));
        }
        _topics = next.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Checks an event for <paramref name="topic"/>: its schema version when it matches (null when the topic has no schema),
    /// or why not in words a component's author can act on (the failing paths of the event, at most five).
    /// </summary>
    public SchemaCheck Check(string topic, byte[] data)
    {
        if (!_topics.TryGetValue(topic, out var entry))
        {
            return SchemaCheck.NoSchema;
        }
        var schema = entry.Schema.Value;
        if (schema is null)
        {
            return SchemaCheck.Refused(entry.Version, $"schema version {entry.Version} of topic '{topic}' cannot be read on this node");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data);
        }
        catch (JsonException e)
        {
            return SchemaCheck.Refused(entry.Version, $"topic '{topic}' has a schema: the event is not one JSON value ({e.Message})");
        }
        using (document)
        {
            var violations = schema.Violations(document.RootElement);
            if (violations.Count == 0)
            {
                return SchemaCheck.Matches(entry.Version);
            }
            var named = violations.Take(MaxNamedPaths).Select(v => $"{v.Key}: {string.Join("; ", v.Value)}");
            var more = violations.Count > MaxNamedPaths ? $" (and {violations.Count - MaxNamedPaths} more paths)" : "";
            return SchemaCheck.Refused(entry.Version,
                $"the event does not match schema version {entry.Version} of topic '{topic}': {string.Join(" | ", named)}{more}");
        }
    }

    // A schema the control plane accepted builds here too; should one not (a newer JSON Schema draft on an older node), the
    // topic refuses every event from components rather than letting unchecked ones through.
    private static EventSchema? Build(string schema)
    {
        try
        {
            return EventSchemas.Compile(schema);
        }
        catch (Exception e) when (e is JsonException or Json.Schema.JsonSchemaException or ArgumentException or InvalidOperationException or Json.Schema.RefResolutionException)
        {
            return null;
        }
    }

    private sealed record Entry(int Version, string Text, Lazy<EventSchema?> Schema);
}

/// <summary>The outcome of <see cref="TopicSchemaBook.Check"/>.</summary>
/// <param name="Version">The schema version the event was checked against; null when the topic has none.</param>
/// <param name="Error">Why the event was refused; null when it may be published.</param>
public readonly record struct SchemaCheck(int? Version, string? Error)
{
    public static SchemaCheck NoSchema => default;

    public static SchemaCheck Matches(int version) => new(version, null);

    public static SchemaCheck Refused(int version, string error) => new(version, error);
}
