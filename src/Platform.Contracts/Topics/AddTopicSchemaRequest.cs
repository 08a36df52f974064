using System.Text.Json;

namespace Platform.Contracts.Topics;

/// <summary>The next schema version of a topic; refused when it would break events valid under the current one.</summary>
public sealed record AddTopicSchemaRequest(JsonElement Schema);
