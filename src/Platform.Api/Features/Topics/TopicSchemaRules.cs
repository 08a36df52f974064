using System.Text.Json;
using Platform.EdgeRuntime.Events;

namespace Platform.Api.Features.Topics;

/// <summary>What a topic schema must be before the compatibility check: a JSON Schema the platform can evaluate, of bounded size.</summary>
public static class TopicSchemaRules
{
    public const int MaxSchemaBytes = 64 * 1024;

    public static string? Problem(JsonElement schema, EventSchemas schemas) =>
        schema.GetRawText().Length > MaxSchemaBytes ? $"A schema may be at most {MaxSchemaBytes} bytes." : schemas.Problem(schema);
}
