using Platform.Contracts.Rollouts;
using Platform.Portal.Components.Pages.Services;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Rollouts;

/// <summary>The baseline copy of stable in the live rollout: its weight beside the canary's and its side of the analysis.</summary>
public sealed class AnalysisBaselineTests : PortalTestContext
{
    private static RolloutDto Rollout(AnalysisDto analysis) => new(
        Guid.Parse("01a214e1-0b28-720c-9dc8-ff7030506399"), "shop", "1.1.0", "1.0.0", "progressing", "Analysing ring 'eu'.", "user:alice",
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, [],
        new RolloutStrategyDto([new RolloutStepDto(SetWeight: 20), new RolloutStepDto(Analysis: new AnalysisSpecDto(120, 200)), new RolloutStepDto(SetWeight: 100)]),
        "service", null, 0, "eu", 1, 3, "analyse canary against stable for 120 s",
        [new RingWeightDto("eu", 20, 20), new RingWeightDto("us", 0)], null, analysis, NewCapabilities: new CapabilityDiffDto([], [], []));

    private static AnalysisDto Analysis(WindowSummaryDto? baseline) => new("eu", DateTimeOffset.UtcNow.AddSeconds(-30), DateTimeOffset.UtcNow, "pass",
        [new MetricVerdictDto("latency", "pass", "Latency: median canary 0.06 ms vs baseline 0.06 ms.")],
        new WindowSummaryDto(3000, 3, 0.001, 3000, 0.04, 0.07), new WindowSummaryDto(1000, 1, 0.001, 1000, 0.06, 0.1),
        baseline, baseline is null ? "stable" : "baseline");

    [Fact]
    public void Render_WindowWithABaseline_ShowsItsWeightAndItsBarsAndWhatTheCanaryWasJudgedAgainst()
    {
        var cut = Render<ActiveRollout>(p => p.Add(c => c.Rollout, Rollout(Analysis(new WindowSummaryDto(1000, 2, 0.002, 1000, 0.061, 0.1)))));

        Assert.Equal("+ baseline (copy of 1.0.0) 20%, stable 60%", cut.Find("[data-testid=ring-baseline-eu]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=ring-baseline-us]"));
        Assert.Contains("judged against baseline (copy of 1.0.0)", cut.Find("[data-testid=analysis-compared-with]").TextContent);
        Assert.Contains("baseline (copy of 1.0.0) · 61 µs", cut.Find("[data-testid=compare-p50-baseline]").TextContent);
        Assert.Contains("baseline (copy of 1.0.0) · 1,000", cut.Find("[data-testid=compare-requests-baseline]").TextContent);
    }

    [Fact]
    public void Render_WindowWithoutABaseline_ComparesWithStableAlone()
    {
        var cut = Render<ActiveRollout>(p => p.Add(c => c.Rollout, Rollout(Analysis(null))));

        Assert.Contains("judged against stable", cut.Find("[data-testid=analysis-compared-with]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=compare-p50-baseline]"));
    }
}
