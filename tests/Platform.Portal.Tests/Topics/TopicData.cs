using System.Text.Json;
using Platform.Contracts.Topics;

namespace Platform.Portal.Tests.Topics;

/// <summary>Topics and schema versions as the API sends them.</summary>
internal static class TopicData
{
    public static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    public const string OrdersV1 = """{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string" } } }""";

    public static TopicDto Topic(string name, string team = "payments", long? maxAgeSeconds = 7 * 86400, long? maxBytes = null,
        IReadOnlyList<int>? schemaVersions = null, TopicAccessDto? publishers = null, TopicAccessDto? subscribers = null) =>
        new(name, $"The {name} events", team, $"TOPIC_{name.ToUpperInvariant()}", $"topics.{name}", maxAgeSeconds, maxBytes,
            publishers ?? new TopicAccessDto([], []), subscribers ?? new TopicAccessDto([], []), schemaVersions ?? [], "user:alice", At, At);

    public static TopicSchemaDto Schema(int version, string json)
    {
        using var document = JsonDocument.Parse(json);
        return new TopicSchemaDto(version, document.RootElement.Clone(), "user:alice", At.AddHours(version));
    }
}
