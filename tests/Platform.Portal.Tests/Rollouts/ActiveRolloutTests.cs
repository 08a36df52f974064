using Microsoft.AspNetCore.Components;
using Platform.Contracts.Rollouts;
using Platform.Portal.Components.Pages.Services;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Rollouts;

public sealed class ActiveRolloutTests : PortalTestContext
{
    private static readonly Guid Id = Guid.Parse("01a214e1-0b28-720c-9dc8-ff7030506399");

    private static RolloutDto Rollout(RolloutHoldDto? hold = null, CapabilityDiffDto? newCapabilities = null, AnalysisDto? analysis = null, bool awaiting = false) => new(
        Id, "shop", "1.1.0", "1.0.0", "progressing", "Analysing ring 'eu' until 12:00:00Z.", "user:alice",
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, [],
        new RolloutStrategyDto([new RolloutStepDto(SetWeight: 10), new RolloutStepDto(Analysis: new AnalysisSpecDto(120, 200)), new RolloutStepDto(SetWeight: 100)]),
        "service", null, 0, "eu", 1, 3, "analyse canary against stable for 120 s",
        [new RingWeightDto("eu", 10), new RingWeightDto("us", 0)], hold, analysis,
        NewCapabilities: newCapabilities ?? new CapabilityDiffDto([], [], []), AwaitingApproval: awaiting);

    private static readonly AnalysisDto Failing = new("eu", DateTimeOffset.UtcNow.AddSeconds(-30), DateTimeOffset.UtcNow, "fail",
        [new MetricVerdictDto("error-rate", "fail", "Canary 30.0% errors against stable 0.1%."), new MetricVerdictDto("latency", "pass", "No meaningful slowdown.")],
        new WindowSummaryDto(1000, 1, 0.001, 500, 0.05, 0.09), new WindowSummaryDto(120, 36, 0.3, 100, 0.06, 0.1));

    private IRenderedComponent<ActiveRollout> RenderPanel(RolloutDto rollout, bool canOperate = true, bool isAdmin = false, Action? changed = null) =>
        Render<ActiveRollout>(p => p
            .Add(c => c.Rollout, rollout)
            .Add(c => c.CanOperate, canOperate)
            .Add(c => c.IsAdmin, isAdmin)
            .Add(c => c.OnChanged, EventCallback.Factory.Create(this, changed ?? (() => { }))));

    [Fact]
    public void Render_ShowsStepsWeightsPerRingAndTheAnalysis()
    {
        var cut = RenderPanel(Rollout(analysis: Failing));

        Assert.Contains("Canary 1.0.0 → 1.1.0", cut.Find("[data-testid=active-rollout]").TextContent);
        Assert.Equal("analyse for 120 s (≥ 200 requests)", cut.Find("[data-testid=rollout-steps] li.current").TextContent);
        Assert.Contains("10%", cut.Find("[data-testid=ring-weight-eu]").TextContent);
        Assert.Contains("0%", cut.Find("[data-testid=ring-weight-us]").TextContent);
        Assert.Equal("fail", cut.Find("[data-testid=analysis-outcome]").TextContent.Trim());
        Assert.Contains("Canary 30.0% errors", cut.Find("[data-testid=verdict-error-rate]").TextContent);
        Assert.Contains("1.1.0 · 30.0%", cut.Find("[data-testid=compare-error-rate]").TextContent);
    }

    [Fact]
    public void Promote_Clicked_PostsTheOperationAndRaisesChanged()
    {
        Api.Returns(Rollout());
        var changed = 0;
        var cut = RenderPanel(Rollout(), changed: () => changed++);

        cut.Find("[data-testid=rollout-promote]").Click();

        cut.WaitForAssertion(() => Assert.Equal(1, changed));
        Assert.Equal([$"/api/v1/rollouts/{Id}/promote"], Api.Requests.ToArray());
    }

    [Fact]
    public void Held_ShowsWhyAndOffersResumeInsteadOfPause()
    {
        Api.Returns(Rollout());
        var cut = RenderPanel(Rollout(hold: new RolloutHoldDto("Analysis inconclusive on ring 'eu': too few requests.", DateTimeOffset.UtcNow)));

        Assert.Contains("Analysis inconclusive", cut.Find("[data-testid=rollout-hold]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=rollout-pause]"));
        cut.Find("[data-testid=rollout-resume]").Click();
        cut.WaitForAssertion(() => Assert.Equal([$"/api/v1/rollouts/{Id}/resume"], Api.Requests.ToArray()));
    }

    [Fact]
    public void NotTheOwner_SeesTheRolloutWithoutOperations()
    {
        var cut = RenderPanel(Rollout(), canOperate: false);

        Assert.Empty(cut.FindAll("[data-testid=rollout-promote], [data-testid=rollout-pause], [data-testid=rollout-abort]"));
    }

    [Fact]
    public void NewCapabilities_DiffBesideTheButton_OnlyAdminsGetTheButton()
    {
        var rollout = Rollout(newCapabilities: new CapabilityDiffDto(["https://api.example.com"], [], ["token", "region"]), awaiting: true);

        var developer = RenderPanel(rollout);
        var approval = developer.Find("[data-testid=rollout-approval]");
        Assert.Contains("1.1.0 declares capabilities 1.0.0 did not", approval.TextContent);
        Assert.Contains("Nothing is placed on any node", approval.TextContent);
        Assert.Equal("outbound hosts https://api.example.com", developer.Find("[data-testid=capability-diff-outbound-hosts]").TextContent.Trim());
        Assert.Equal("variables token, region", developer.Find("[data-testid=capability-diff-variables]").TextContent.Trim());
        Assert.Empty(developer.FindAll("[data-testid=capability-diff-key-value-stores]"));
        Assert.Empty(developer.FindAll("[data-testid=rollout-approve]"));

        Api.Returns(rollout);
        var admin = RenderPanel(rollout, isAdmin: true);
        admin.Find("[data-testid=rollout-approval] [data-testid=rollout-approve]").Click();
        admin.WaitForAssertion(() => Assert.Equal([$"/api/v1/rollouts/{Id}/approve"], Api.Requests.ToArray()));
    }

    [Fact]
    public void NewCapabilities_Topics_ShownAsTheirOwnRows()
    {
        var rollout = Rollout(newCapabilities: new CapabilityDiffDto([], [], [], ["projections"], ["orders", "refunds"]), awaiting: true);

        var panel = RenderPanel(rollout);

        Assert.Equal("publish to topics projections", panel.Find("[data-testid=capability-diff-publish-to-topics]").TextContent.Trim());
        Assert.Equal("consume topics orders, refunds", panel.Find("[data-testid=capability-diff-consume-topics]").TextContent.Trim());
        Assert.Empty(panel.FindAll("[data-testid=capability-diff-variables]"));
    }

    [Fact]
    public void Approved_NoApprovalPanel()
    {
        var rollout = Rollout(newCapabilities: new CapabilityDiffDto([], ["carts"], [])) with { ApprovedBy = "user:admin" };

        var cut = RenderPanel(rollout, isAdmin: true);

        Assert.Empty(cut.FindAll("[data-testid=rollout-approval]"));
    }

    [Fact]
    public void Operation_Refused_ShowsTheProblem()
    {
        Api.ReturnsProblem(System.Net.HttpStatusCode.UnprocessableEntity, "The request breaks a rule of the platform.", "The rollout has already finished (succeeded); it cannot be paused.");
        var cut = RenderPanel(Rollout());

        cut.Find("[data-testid=rollout-pause]").Click();

        cut.WaitForAssertion(() => Assert.Contains("already finished", cut.Find("[data-testid=rollout-error]").TextContent));
    }
}
