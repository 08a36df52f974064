using Platform.Contracts.Templates;
using Platform.Portal.Components.Forms;

namespace Platform.Portal.Tests.Forms;

public sealed class ParameterRulesTests
{
    private static readonly string[] Teams = ["payments"];

    public static TheoryData<string, string?, string?> Cases => new()
    {
        // type, value, expected message (null = accepted)
        { "string", "", "Port is required." },
        { "string", "Hello", null },
        { "string", "this is far too long", "Port must be at most 10 characters." },
        { "integer", "8080", null },
        { "integer", "80.5", "Port must be a whole number." },
        { "boolean", "yes", "Port must be true or false." },
        { "boolean", "false", null },
        { "enum", "b", null },
        { "enum", "z", "Port must be one of: a, b." },
        { "team", "payments", null },
        { "team", "web", "Port must be a team you belong to." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_ValueOfType_GivesTheApisMessage(string type, string? value, string? expected)
    {
        var parameter = new TemplateParameterDto("port", "Port", type, true, null, null, ["a", "b"], null, null, 10);

        Assert.Equal(expected, ParameterRules.Check(parameter, value, Teams));
    }

    [Theory]
    [InlineData("hello-api", null)]
    [InlineData("a", "The service name must be 2-40 characters of lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen.")]
    [InlineData("Hello", "The service name must be 2-40 characters of lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen.")]
    [InlineData("two--hyphens", "The service name must be 2-40 characters of lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen.")]
    [InlineData("", "The service name is required.")]
    public void ServiceNameCheck_Slug_MatchesTheApiRule(string name, string? expected) =>
        Assert.Equal(expected, ServiceNameRules.Check(name));

    [Fact]
    public void Defaults_BooleanWithoutDefault_StartsFalse()
    {
        var values = ParameterRules.Defaults([new TemplateParameterDto("cache", "Cache", "boolean", false, null, null, [], null, null, null)]);

        Assert.Equal("false", values["cache"]);
    }
}
