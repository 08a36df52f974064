using System.Text.Json.Nodes;

namespace Platform.Domain.Topics;

/// <summary>
/// The compatibility rule for a topic's schema versions (README, "Topics"): a new version is backward compatible when every
/// event valid under the old version stays valid under the new one, so consumers and publishers written against the old
/// version keep working. The check is conservative: what it cannot prove harmless is refused.
/// Per schema location (the event itself, each property, array items):
/// <list type="bullet">
/// <item>no new required property, and no property the old version required may be dropped from <c>properties</c>;</item>
/// <item><c>type</c> may only widen (integer → number included), never appear where the old version had none;</item>
/// <item><c>enum</c>/<c>const</c> may only keep or add values, never appear where there were none;</item>
/// <item>bounds (minimum, maxLength, minItems, …) may only loosen or go; <c>pattern</c>/<c>format</c> may only stay or go;</item>
/// <item><c>additionalProperties: false</c> may not appear, nor may a declared property disappear under it;</item>
/// <item>any other keyword (<c>$ref</c>, <c>oneOf</c>, <c>allOf</c>, <c>if</c>, …) must be unchanged.</item>
/// </list>
/// One exception, as in the usual registries: a new optional property may be added where the old version allowed undeclared
/// ones (the platform takes it that publishers did not send undeclared fields).
/// </summary>
public static class SchemaCompatibility
{
    private static readonly string[] LowerBounds = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"];
    private static readonly string[] UpperBounds = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"];
    private static readonly string[] MustStayOrGo = ["pattern", "format", "multipleOf", "uniqueItems"];
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
        { "$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly" };
    private static readonly HashSet<string> Handled = new(
        ["type", "enum", "const", "required", "properties", "additionalProperties", "items", .. LowerBounds, .. UpperBounds, .. MustStayOrGo],
        StringComparer.Ordinal);

    public static IReadOnlyList<SchemaBreak> Check(JsonNode? oldSchema, JsonNode? newSchema)
    {
        var breaks = new List<SchemaBreak>();
        Compare(oldSchema, newSchema, "", breaks);
        return breaks;
    }

    private static void Compare(JsonNode? oldNode, JsonNode? newNode, string path, List<SchemaBreak> breaks)
    {
        var field = path.Length == 0 ? "/" : path;
        if (oldNode is JsonValue ov && ov.TryGetValue<bool>(out var oldAccepts) && !oldAccepts) return; // false accepted nothing
        // true (or absent) accepts every value, like {}; it is still compared, since dropping a required property is a break.
        var next = newNode is null || newNode is JsonValue v && v.TryGetValue<bool>(out var accepts) && accepts ? [] : newNode as JsonObject;
        if (next is null)
        {
            breaks.Add(new(field, "the new version refuses every value here"));
            return;
        }
        var old = oldNode as JsonObject ?? [];

        CompareTypes(old["type"], next["type"], field, breaks);
        CompareValues(old, next, field, breaks);
        foreach (var keyword in LowerBounds) CompareBound(old[keyword], next[keyword], keyword, field, lower: true, breaks);
        foreach (var keyword in UpperBounds) CompareBound(old[keyword], next[keyword], keyword, field, lower: false, breaks);
        foreach (var keyword in MustStayOrGo)
            if (next[keyword] is { } added && !JsonNode.DeepEquals(old[keyword], added))
                breaks.Add(new(field, $"'{keyword}' is new or changed; values valid before may no longer match"));
        foreach (var (keyword, value) in next)
            if (!Handled.Contains(keyword) && !Annotations.Contains(keyword) && !JsonNode.DeepEquals(old[keyword], value))
                breaks.Add(new(field, $"'{keyword}' changed; the platform cannot prove the change accepts every event the old version accepted"));

        CompareObject(old, next, path, breaks);
        if (next["items"] is { } items) Compare(old["items"], items, $"{path}/*", breaks);
    }

    private static void CompareObject(JsonObject old, JsonObject next, string path, List<SchemaBreak> breaks)
    {
        var oldRequired = Strings(old["required"]);
        foreach (var name in Strings(next["required"]).Except(oldRequired))
            breaks.Add(new($"{path}/{name}", "is newly required; events valid under the old version may lack it"));

        var oldProperties = old["properties"] as JsonObject ?? [];
        var newProperties = next["properties"] as JsonObject ?? [];
        var closed = next["additionalProperties"] is JsonValue a && a.TryGetValue<bool>(out var allowed) && !allowed;
        var wasClosed = old["additionalProperties"] is JsonValue b && b.TryGetValue<bool>(out var wasAllowed) && !wasAllowed;
        if (closed && !wasClosed) breaks.Add(new(path.Length == 0 ? "/" : path, "'additionalProperties: false' is new; events with undeclared fields would be refused"));
        else if (next["additionalProperties"] is JsonObject extra && !JsonNode.DeepEquals(old["additionalProperties"], extra))
            breaks.Add(new(path.Length == 0 ? "/" : path, "'additionalProperties' changed"));

        foreach (var (name, oldProperty) in oldProperties)
        {
            if (newProperties[name] is { } newProperty) Compare(oldProperty, newProperty, $"{path}/{name}", breaks);
            else if (oldRequired.Contains(name)) breaks.Add(new($"{path}/{name}", "was required and is no longer declared; consumers rely on it"));
            else if (closed) breaks.Add(new($"{path}/{name}", "is no longer declared while undeclared fields are refused"));
        }
    }

    private static void CompareTypes(JsonNode? oldType, JsonNode? newType, string field, List<SchemaBreak> breaks)
    {
        if (newType is null) return;
        if (oldType is null)
        {
            breaks.Add(new(field, $"'type' {newType.ToJsonString()} is new; any type was accepted before"));
            return;
        }
        var allowed = Strings(newType);
        foreach (var type in Strings(oldType))
            if (!allowed.Contains(type) && !(type == "integer" && allowed.Contains("number")))
                breaks.Add(new(field, $"type '{type}' is no longer accepted"));
    }

    private static void CompareValues(JsonObject old, JsonObject next, string field, List<SchemaBreak> breaks)
    {
        var newValues = next["enum"] as JsonArray ?? (next.ContainsKey("const") ? [next["const"]?.DeepClone()] : null);
        if (newValues is null) return;
        var oldValues = old["enum"] as JsonArray ?? (old.ContainsKey("const") ? [old["const"]?.DeepClone()] : null);
        if (oldValues is null)
        {
            breaks.Add(new(field, "the values are newly restricted ('enum'/'const'); any value was accepted before"));
            return;
        }
        foreach (var value in oldValues)
            if (!newValues.Any(n => JsonNode.DeepEquals(n, value)))
                breaks.Add(new(field, $"value {value?.ToJsonString() ?? "null"} is no longer accepted"));
    }

    private static void CompareBound(JsonNode? oldBound, JsonNode? newBound, string keyword, string field, bool lower, List<SchemaBreak> breaks)
    {
        if (newBound is null) return;
        if (oldBound is null || !TryNumber(oldBound, out var before) || !TryNumber(newBound, out var after))
        {
            if (!JsonNode.DeepEquals(oldBound, newBound)) breaks.Add(new(field, $"'{keyword}' is new; values valid before may fall outside it"));
            return;
        }
        if (lower ? after > before : after < before) breaks.Add(new(field, $"'{keyword}' narrowed from {before} to {after}"));
    }

    private static bool TryNumber(JsonNode node, out decimal number)
    {
        number = 0;
        return node is JsonValue value && value.TryGetValue(out number);
    }

    private static HashSet<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => n is JsonValue s && s.TryGetValue<string>(out var text) ? text : null).OfType<string>().ToHashSet(StringComparer.Ordinal),
        JsonValue value when value.TryGetValue<string>(out var single) => new HashSet<string>(StringComparer.Ordinal) { single },
        _ => new HashSet<string>(StringComparer.Ordinal),
    };
}
