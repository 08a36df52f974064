using Platform.Contracts.Identity;
using Platform.Contracts.Templates;
using Platform.Portal.Components.Forms;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Forms;

public sealed class ParameterFormTests : PortalTestContext
{
    private static readonly TemplateParameterDto Greeting = new("greeting", "Greeting", "string", true, "^[A-Za-z ,.!]+$",
        "Letters, spaces and simple punctuation only.", [], null, "What the service answers on its root route.", 20);
    private static readonly TemplateParameterDto LogLevel = new("log_level", "Log level", "enum", false, null, null, ["debug", "info", "warn"], "info", null, null);
    private static readonly TemplateParameterDto Cache = new("cache", "Cache responses", "boolean", false, null, null, [], null, "Keep answers for a minute.", null);
    private static readonly TemplateParameterDto Replicas = new("replicas", "Replicas", "integer", false, null, null, [], "2", null, null);
    private static readonly TemplateParameterDto Owner = new("owner", "Owning team", "team", true, null, null, [], null, null, null);
    private static readonly TeamDto Payments = new("payments", "Payments", ["alice"]);

    [Fact]
    public void Render_EachType_GetsItsControlLabelAndHelp()
    {
        var cut = RenderForm([Greeting, LogLevel, Cache, Replicas, Owner], ParameterRules.Defaults([Greeting, LogLevel, Cache, Replicas, Owner]));

        Assert.Equal("INPUT", cut.Find("[data-testid=field-param-greeting]").TagName);
        Assert.Contains("What the service answers on its root route.", cut.Markup);
        Assert.Contains("0 / 20", cut.Markup);
        Assert.Equal("combobox", cut.Find("[data-testid=field-param-log_level]").GetAttribute("role"));
        Assert.Equal("info", cut.Find("[data-testid=field-param-log_level]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=field-param-cache] input[type=checkbox]"));
        Assert.Equal("numeric", cut.Find("[data-testid=field-param-replicas]").GetAttribute("inputmode"));
        Assert.Equal("2", cut.Find("[data-testid=field-param-replicas]").GetAttribute("value"));
        Assert.Equal("combobox", cut.Find("[data-testid=field-param-owner]").GetAttribute("role"));
    }

    [Fact]
    public async Task ValidateAsync_RequiredFieldsEmpty_ShowsRequiredMessagesAndFails()
    {
        var cut = RenderForm([Greeting, Owner], ParameterRules.Defaults([Greeting, Owner]));

        var valid = await cut.InvokeAsync(() => cut.Instance.ValidateAsync());

        Assert.False(valid);
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Greeting is required.", cut.Markup);
            Assert.Contains("Owning team is required.", cut.Markup);
        });
    }

    [Fact]
    public void Typing_ValueAgainstPattern_ShowsPatternHelpUnderTheField()
    {
        var values = ParameterRules.Defaults([Greeting]);
        var cut = RenderForm([Greeting], values);

        cut.Find("[data-testid=field-param-greeting]").Input("Hello <script>");

        cut.WaitForAssertion(() => Assert.Contains("Letters, spaces and simple punctuation only.", cut.Markup));
        Assert.Equal("Hello <script>", values["greeting"]);
    }

    [Fact]
    public async Task ValidateAsync_ValuesWithinTheSchema_PassesWithoutMessages()
    {
        var values = new Dictionary<string, string?> { ["greeting"] = "Hello, edge!", ["log_level"] = "warn", ["cache"] = "true", ["replicas"] = "3", ["owner"] = "payments" };
        var cut = RenderForm([Greeting, LogLevel, Cache, Replicas, Owner], values);

        var valid = await cut.InvokeAsync(() => cut.Instance.ValidateAsync());

        Assert.True(valid);
        Assert.Empty(cut.FindAll(".mud-input-error"));
    }

    [Fact]
    public async Task ValidateAsync_ValueOutsideEnumOptions_NamesTheAllowedOptions()
    {
        var cut = RenderForm([LogLevel], new Dictionary<string, string?> { ["log_level"] = "verbose" });

        var valid = await cut.InvokeAsync(() => cut.Instance.ValidateAsync());

        Assert.False(valid);
        cut.WaitForAssertion(() => Assert.Contains("Log level must be one of: debug, info, warn.", cut.Markup));
    }

    [Fact]
    public void Render_ServerErrorForParameter_ShowsItOnThatField()
    {
        var errors = new Dictionary<string, string[]> { ["parameters.greeting"] = ["Greeting must be at most 20 characters."] };
        var cut = Render<ParameterForm>(p => p
            .Add(f => f.Parameters, [Greeting, LogLevel])
            .Add(f => f.Values, ParameterRules.Defaults([Greeting, LogLevel]))
            .Add(f => f.ServerErrors, errors));

        var field = cut.Find("[data-testid=field-param-greeting]").Closest(".mud-input-control")!;
        Assert.Contains("Greeting must be at most 20 characters.", field.TextContent);
        Assert.DoesNotContain("at most", cut.Find("[data-testid=field-param-log_level]").Closest(".mud-input-control")!.TextContent);
    }

    private IRenderedComponent<ParameterForm> RenderForm(IReadOnlyList<TemplateParameterDto> parameters, Dictionary<string, string?> values) =>
        Render<ParameterForm>(p => p
            .Add(f => f.Parameters, parameters)
            .Add(f => f.Values, values)
            .Add(f => f.Teams, [Payments]));
}
