using Platform.Domain.Templates;

namespace Platform.Domain.Tests;

public sealed class TemplateTests
{
    private static readonly TemplateParameter[] Parameters =
    [
        new() { Name = "greeting", Title = "Greeting", Required = true, Pattern = "^[a-z ]+$", PatternHelp = "Lower-case words only.", MaxLength = 10 },
        new() { Name = "level", Title = "Level", Type = ParameterType.Enum, Options = ["info", "warn"], Default = "info" },
        new() { Name = "replicas", Title = "Replicas", Type = ParameterType.Integer },
        new() { Name = "public", Title = "Public", Type = ParameterType.Boolean, Default = "false" },
        new() { Name = "owner", Title = "Owner", Type = ParameterType.Team },
    ];

    public static TheoryData<Dictionary<string, string?>, string, string> Invalid => new()
    {
        { new() { ["greeting"] = "" }, "parameters.greeting", "Greeting is required." },
        { new() { ["greeting"] = "HELLO" }, "parameters.greeting", "Lower-case words only." },
        { new() { ["greeting"] = "hello there world" }, "parameters.greeting", "Greeting must be at most 10 characters." },
        { new() { ["greeting"] = "hi", ["level"] = "debug" }, "parameters.level", "Level must be one of: info, warn." },
        { new() { ["greeting"] = "hi", ["replicas"] = "two" }, "parameters.replicas", "Replicas must be a whole number." },
        { new() { ["greeting"] = "hi", ["public"] = "yes" }, "parameters.public", "Public must be true or false." },
        { new() { ["greeting"] = "hi", ["owner"] = "web" }, "parameters.owner", "Owner must be a team you belong to." },
        { new() { ["greeting"] = "hi", ["colour"] = "red" }, "parameters.colour", "The template has no parameter 'colour'." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BadValue_ErrorNamesParameter(Dictionary<string, string?> submitted, string field, string message)
    {
        var errors = new ValidationErrors();
        ParameterValidator.Validate(Parameters, submitted, ["payments"], errors);
        Assert.Equal([message], errors.ToDictionary()[field]);
    }

    [Fact]
    public void Validate_GoodValues_AppliesDefaults()
    {
        var errors = new ValidationErrors();
        var values = ParameterValidator.Validate(Parameters, new Dictionary<string, string?> { ["greeting"] = " hi ", ["owner"] = "payments" }, ["payments"], errors);
        Assert.True(errors.IsValid);
        Assert.Equal(("hi", "info", "false", "payments", ""), (values["greeting"], values["level"], values["public"], values["owner"], values["replicas"]));
    }

    [Fact]
    public void Render_Placeholders_ReplacedInPathsAndContents_OtherBracesKept()
    {
        var files = new Dictionary<string, string>
        {
            ["src/{{ service_name }}.c"] = "int main() { return {{answer}}; } /* {{ not a placeholder }} */",
        };
        var rendered = TemplateRenderer.Render(files, new Dictionary<string, string> { ["service_name"] = "demo", ["answer"] = "42" });
        Assert.Equal("int main() { return 42; } /* {{ not a placeholder }} */", rendered["src/demo.c"]);
    }

    [Fact]
    public void Render_UnknownPlaceholder_NamesFileAndPlaceholder()
    {
        var error = Assert.Throws<DomainException>(() => TemplateRenderer.Render(new Dictionary<string, string> { ["a.txt"] = "{{ missing }}" }, new Dictionary<string, string>()));
        Assert.Contains("a.txt", error.Message);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void Placeholders_Files_ListsEveryName()
    {
        var names = TemplateRenderer.Placeholders(new Dictionary<string, string> { ["{{ a }}.txt"] = "{{b}} {{ c }}" });
        Assert.Equal(["a", "b", "c"], names.Order());
    }

    public static TheoryData<string, string, string> Sections => new()
    {
        // A section of whole lines takes its tag lines with it, set or not.
        { "a\n{% if topic %}\nt={{ topic }}\n{% endif %}\nb\n", "orders", "a\nt=orders\nb\n" },
        { "a\n{% if topic %}\nt={{ topic }}\n{% endif %}\nb\n", "", "a\nb\n" },
        { "a\n  {% if topic %}  \nt\n{% else %}\nnone\n{% endif %}", "", "a\nnone\n" },
        // Inline tags take only themselves; "false" is not set.
        { "x{% if topic %}[{{ topic }}]{% else %}-{% endif %}y", "false", "x-y" },
        { "x {% if topic %}[{{ topic }}]{% endif %} y", "t", "x [t] y" },
        // Nested sections; an outer section that is off hides its inner else.
        { "{% if topic %}{% if flag %}both{% else %}topic only{% endif %}{% else %}{% if flag %}flag only{% endif %}{% endif %}", "t", "topic only" },
        { "{% if topic %}{% if flag %}both{% else %}topic only{% endif %}{% endif %}.", "", "." },
        // Other {% ... %} text and a placeholder in a dropped section are left alone.
        { "{% raw %}{% if topic %}{{ missing }}{% endif %}", "", "{% raw %}" },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Render_Sections_KeepTheBranchTheValueSelects(string content, string topic, string expected)
    {
        var rendered = TemplateRenderer.Render(new Dictionary<string, string> { ["f"] = content },
            new Dictionary<string, string> { ["topic"] = topic, ["flag"] = "false" });
        Assert.Equal(expected, rendered["f"]);
    }

    [Theory]
    [InlineData("{% if topic %}open", "without its '{% endif %}'")]
    [InlineData("{% endif %}", "'{% endif %}' without an '{% if … %}'")]
    [InlineData("{% if topic %}a{% else %}b{% else %}c{% endif %}", "two '{% else %}'")]
    [InlineData("{% if colour %}x{% endif %}", "'{% if colour %}', which is not a parameter")]
    public void Render_BrokenSection_NamesFileAndProblem(string content, string problem)
    {
        var error = Assert.Throws<DomainException>(() => TemplateRenderer.Render(new Dictionary<string, string> { ["platform.toml"] = content },
            new Dictionary<string, string> { ["topic"] = "t" }));
        Assert.Contains("platform.toml", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Check_UnbalancedSectionOrUnknownSectionName_RefusedOnFiles()
    {
        var errors = new ValidationErrors();
        TemplateVersionRules.Check("1.0.0", "c-component", "component", [new() { Name = "topic", Title = "Topic" }],
            new Dictionary<string, string> { ["platform.toml"] = "{% if topic %}x", ["src/main.c"] = "{% if colour %}y{% endif %}" }, errors);
        Assert.Equal(
            ["Template file 'platform.toml' has an '{% if … %}' without its '{% endif %}'.",
             "The files use '{{ colour }}', which is neither a parameter nor supplied by the platform."],
            errors.ToDictionary()["files"]);
    }
}
