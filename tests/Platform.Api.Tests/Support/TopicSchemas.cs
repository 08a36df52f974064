using System.Text.Json;

namespace Platform.Api.Tests.Support;

/// <summary>JSON Schemas for topic tests, written as JSON text.</summary>
public static class TopicSchemas
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>An order: id (string) and amount (integer) required, currency optional.</summary>
    public const string OrderV1 = """
        { "type": "object", "required": ["id", "amount"],
          "properties": { "id": { "type": "string" }, "amount": { "type": "integer", "minimum": 0 }, "currency": { "type": "string", "enum": ["EUR", "USD"] } } }
        """;
}
