using System.Text.Json.Nodes;
using Platform.Domain.Topics;

namespace Platform.Domain.Tests.Topics;

/// <summary>The backward-compatibility rule of topic schemas, case by case (README, "Topics").</summary>
public sealed class SchemaCompatibilityTests
{
    private const string Order = """
        { "type": "object", "required": ["id"],
          "properties": { "id": { "type": "string", "maxLength": 20 }, "amount": { "type": "integer", "minimum": 0 },
                          "status": { "enum": ["new", "paid"] }, "lines": { "type": "array", "items": { "type": "object", "properties": { "sku": { "type": "string" } } } } } }
        """;

    [Theory]
    [InlineData("unchanged", Order)]
    [InlineData("optional field added", """{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string", "maxLength": 20 }, "amount": { "type": "integer", "minimum": 0 }, "status": { "enum": ["new", "paid"] }, "lines": { "type": "array", "items": { "type": "object", "properties": { "sku": { "type": "string" } } } }, "note": { "type": "string" } } }""")]
    [InlineData("integer widened to number, bound loosened", """{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string", "maxLength": 40 }, "amount": { "type": "number" }, "status": { "enum": ["new", "paid"] }, "lines": { "type": "array" } } }""")]
    [InlineData("enum value added, optional property dropped", """{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string", "maxLength": 20 }, "status": { "enum": ["new", "paid", "refunded"] } } }""")]
    [InlineData("requirement dropped, annotations changed", """{ "title": "Order", "type": "object", "properties": { "id": { "type": "string", "maxLength": 20, "description": "the id" }, "amount": { "type": "integer", "minimum": 0 }, "status": { "enum": ["new", "paid"] }, "lines": { "type": "array", "items": { "type": "object", "properties": { "sku": { "type": "string" } } } } } }""")]
    public void Check_Compatible_NoBreaks(string why, string next) =>
        Assert.True(SchemaCompatibility.Check(JsonNode.Parse(Order), JsonNode.Parse(next)).Count == 0, why);

    [Theory]
    [InlineData("""{ "type": "object", "required": ["id", "amount"], "properties": { "id": { "type": "string" } } }""", "/amount")]
    [InlineData("""{ "type": "object", "properties": { "amount": { "type": "integer" } } }""", "/id")]
    [InlineData("""{ "type": "object", "required": ["id"], "properties": { "id": { "type": "integer" } } }""", "/id")]
    [InlineData("""{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string", "maxLength": 10 } } }""", "/id")]
    [InlineData("""{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string", "pattern": "^o-" } } }""", "/id")]
    [InlineData("""{ "type": "object", "required": ["id"], "properties": { "amount": { "type": "integer", "minimum": 1 } } }""", "/amount")]
    [InlineData("""{ "type": "object", "required": ["id"], "properties": { "status": { "enum": ["new"] } } }""", "/status")]
    [InlineData("""{ "type": "object", "required": ["id"], "properties": { "lines": { "type": "array", "items": { "type": "object", "required": ["sku"] } } } }""", "/lines/*/sku")]
    [InlineData("""{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string" }, "note": { "const": "x" } }, "additionalProperties": false }""", "/")]
    [InlineData("""{ "type": "array" }""", "/")]
    [InlineData("""{ "type": "object", "required": ["id"], "properties": { "id": { "oneOf": [{ "type": "string" }] } } }""", "/id")]
    [InlineData("false", "/")]
    [InlineData("{}", "/id")]
    public void Check_Breaking_NamesTheField(string next, string field)
    {
        var breaks = SchemaCompatibility.Check(JsonNode.Parse(Order), JsonNode.Parse(next));
        Assert.Contains(breaks, b => b.Field == field);
    }

    [Fact]
    public void Check_EnumWhereAnyValueWasAccepted_Breaks()
    {
        var breaks = SchemaCompatibility.Check(JsonNode.Parse("""{ "properties": { "c": { "type": "string" } } }"""),
            JsonNode.Parse("""{ "properties": { "c": { "type": "string", "enum": ["a"] } } }"""));
        Assert.Equal("/c", Assert.Single(breaks).Field);
    }
}
