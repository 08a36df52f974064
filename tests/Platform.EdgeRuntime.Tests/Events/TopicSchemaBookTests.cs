using System.Text;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Events;

namespace Platform.EdgeRuntime.Tests.Events;

/// <summary>The node's copy of the schemas of topics its components publish to, and the check of each event against them.</summary>
public sealed class TopicSchemaBookTests
{
    private const string Order = """
        { "type": "object", "required": ["id", "amount"],
          "properties": { "id": { "type": "string" }, "amount": { "type": "integer", "minimum": 0 } } }
        """;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static TopicSchemaAssignmentDto S(string topic, int version, string schema) => new(topic, version, schema);

    private static TopicSchemaBook Book(params TopicSchemaAssignmentDto[] schemas)
    {
        var book = new TopicSchemaBook();
        book.Replace(schemas);
        return book;
    }

    [Fact]
    public void Check_MatchingEvent_PassesWithTheSchemaVersion()
    {
        var check = Book(S("orders", 4, Order)).Check("orders", Bytes("""{ "id": "o-1", "amount": 3 }"""));

        Assert.Equal(SchemaCheck.Matches(4), check);
    }

    [Fact]
    public void Check_TopicWithoutSchema_TakesAnyBytes()
    {
        var check = Book(S("orders", 1, Order)).Check("audit", Bytes("not json at all"));

        Assert.Equal(SchemaCheck.NoSchema, check);
    }

    [Theory]
    [InlineData("""{ "id": "o-1", "amount": -1 }""", "/amount:")]
    [InlineData("""{ "id": 7, "amount": 1 }""", "/id:")]
    [InlineData("""{ "amount": 1 }""", "/:")]
    public void Check_EventNotMatching_RefusedNamingThePath(string json, string path)
    {
        var check = Book(S("orders", 2, Order)).Check("orders", Bytes(json));

        Assert.Equal(2, check.Version);
        Assert.StartsWith($"the event does not match schema version 2 of topic 'orders': {path}", check.Error);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("""{ "id": "o-1", "amount": 1 } {}""")]
    [InlineData("")]
    public void Check_NotOneJsonValue_Refused(string text)
    {
        var check = Book(S("orders", 1, Order)).Check("orders", Bytes(text));

        Assert.StartsWith("topic 'orders' has a schema: the event is not one JSON value", check.Error);
    }

    [Fact]
    public void Replace_TopicNoLongerListed_LosesItsSchema_NewVersionTakesOver()
    {
        var book = Book(S("orders", 1, Order), S("payments", 1, """{ "type": "string" }"""));

        book.Replace([new("orders", 2, """{ "type": "array" }""")]);

        Assert.Equal(SchemaCheck.NoSchema, book.Check("payments", Bytes("{}")));
        Assert.Equal(SchemaCheck.Matches(2), book.Check("orders", Bytes("[]")));
        Assert.NotNull(book.Check("orders", Bytes("""{ "id": "o-1", "amount": 1 }""")).Error);
    }

    [Fact]
    public void Check_SchemaTheNodeCannotRead_RefusesEveryEvent()
    {
        var check = Book(S("orders", 5, "{ not json")).Check("orders", Bytes("{}"));

        Assert.Equal("schema version 5 of topic 'orders' cannot be read on this node", check.Error);
    }

    [Fact]
    public void Check_ManyFailingPaths_NamesFiveAndCountsTheRest()
    {
        var schema = """{ "type": "object", "additionalProperties": { "type": "integer" } }""";
        var check = Book(S("t", 1, schema)).Check("t", Bytes("""{ "a": "x", "b": "x", "c": "x", "d": "x", "e": "x", "f": "x", "g": "x" }"""));

        Assert.EndsWith("(and 2 more paths)", check.Error);
    }
}
