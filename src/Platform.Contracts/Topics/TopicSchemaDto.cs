using System.Text.Json;

namespace Platform.Contracts.Topics;

public sealed record TopicSchemaDto(int Version, JsonElement Schema, string CreatedBy, DateTimeOffset CreatedAt);
