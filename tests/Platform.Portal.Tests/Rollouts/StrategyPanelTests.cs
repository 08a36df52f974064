using System.Net;
using Platform.Contracts.Rollouts;
using Platform.Portal.Components.Pages.Services;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Rollouts;

public sealed class StrategyPanelTests : PortalTestContext
{
    private const string Path = "/api/v1/services/shop/rollout-strategy";

    private static EffectiveStrategyDto Platform() =>
        new(new RolloutStrategyDto([new RolloutStepDto(SetWeight: 10), new RolloutStepDto(SetWeight: 100)], [], "continue"), "platform");

    [Fact]
    public void Render_ShowsTheEffectiveStrategyAsJsonAndWhereItComesFrom()
    {
        Api.On($"GET {Path}", Platform());

        var cut = Render<StrategyPanel>(p => p.Add(c => c.Service, "shop").Add(c => c.CanEdit, true));

        cut.WaitForAssertion(() => Assert.Contains("platform default", cut.Find("[data-testid=strategy-source]").TextContent));
        Assert.Contains("\"setWeight\": 10", cut.Find("textarea[data-testid=strategy-json]").GetAttribute("value") ?? cut.Find("textarea[data-testid=strategy-json]").TextContent);
    }

    [Fact]
    public void Save_RefusedByTheApi_ListsEveryFieldItNamed()
    {
        Api.On($"GET {Path}", Platform());
        Api.OnProblem($"PUT {Path}", HttpStatusCode.BadRequest, "One or more validation errors occurred.", null, new()
        {
            ["steps[0].setWeight"] = ["The weight is a percentage from 0 to 100."],
            ["onNodeLoss"] = ["Either 'continue' or 'pause'."],
        });
        var cut = Render<StrategyPanel>(p => p.Add(c => c.Service, "shop").Add(c => c.CanEdit, true));
        cut.WaitForAssertion(() => cut.Find("[data-testid=strategy-save]"));

        cut.Find("textarea[data-testid=strategy-json]").Input("""{ "steps": [ { "setWeight": 140 } ], "onNodeLoss": "sometimes" }""");
        cut.Find("[data-testid=strategy-save]").Click();

        cut.WaitForAssertion(() =>
        {
            var errors = cut.Find("[data-testid=strategy-errors]").TextContent;
            Assert.Contains("steps[0].setWeight: The weight is a percentage from 0 to 100.", errors);
            Assert.Contains("onNodeLoss", errors);
        });
        Assert.Contains("\"setWeight\":140", Api.SentTo($"PUT {Path}").Single().Body);
    }

    [Fact]
    public void Save_NotJson_SaysSoAndSendsNothing()
    {
        Api.On($"GET {Path}", Platform());
        var cut = Render<StrategyPanel>(p => p.Add(c => c.Service, "shop").Add(c => c.CanEdit, true));
        cut.WaitForAssertion(() => cut.Find("[data-testid=strategy-save]"));

        cut.Find("textarea[data-testid=strategy-json]").Input("{ steps: ");
        cut.Find("[data-testid=strategy-save]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("This is not valid JSON", cut.Find("[data-testid=strategy-error]").TextContent));
        Assert.Empty(Api.SentTo($"PUT {Path}"));
    }

    [Fact]
    public void NotAnOwner_SeesTheStrategyWithoutSaveOrReset()
    {
        Api.On($"GET {Path}", Platform());

        var cut = Render<StrategyPanel>(p => p.Add(c => c.Service, "shop").Add(c => c.CanEdit, false));

        cut.WaitForAssertion(() => cut.Find("[data-testid=strategy-source]"));
        Assert.Empty(cut.FindAll("[data-testid=strategy-save], [data-testid=strategy-reset]"));
    }
}
