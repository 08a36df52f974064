using Microsoft.Playwright;
using Platform.Contracts.Rollouts;
using Platform.Contracts.Services;
using Platform.EndToEnd.Tests.Support;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests;

/// <summary>A developer watching a canary live in the portal and stepping in. Screenshots: artifacts/e2e/screenshots.</summary>
[Collection(StackCollection.Name)]
public sealed class RolloutJourneyTests(PlatformStack stack)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 120_000 };

    [Fact]
    public async Task Developer_WatchesCanaryAnalysed_PromotesIt_ThenRollsBackFromTheVersionsTable()
    {
        const string name = "portal-canary";
        var alice = await stack.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest(name, "payments"));
        await alice.PublishVersionAsync(name, "1.0.0", WasmBuilder.BuildTestComponent("hello"), $"name = \"{name}\"\n");
        var first = await alice.StartRolloutAsync(name, "1.0.0");
        await Eventually.UntilAsync(() => alice.RolloutAsync(first.Id), r => r.Phase == "succeeded", TimeSpan.FromMinutes(2), "the first deployment");
        await alice.PublishVersionAsync(name, "1.1.0", WasmBuilder.BuildTestComponent("hello"), $"name = \"{name}\"\n");
        await using var traffic = new TrafficGenerator(stack.EdgeUrls.Select(u => $"{u}/{name}/").ToList());
        await alice.StartRolloutAsync(name, new StartRolloutRequest("1.1.0", new RolloutStrategyDto(
        [
            new RolloutStepDto(SetWeight: 30),
            new RolloutStepDto(Analysis: new AnalysisSpecDto(DurationSeconds: 4, MinRequests: 30, MinLatencySamples: 20)),
            new RolloutStepDto(Pause: new PauseDto()),
            new RolloutStepDto(SetWeight: 100),
        ])));

        await using var browser = await Browser.LaunchAsync("canary");
        var page = browser.Page;
        await browser.SignInAsync(stack.PortalUrl, "alice");
        await page.GotoAsync($"{stack.PortalUrl}/services/{name}");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("active-rollout")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("ring-weight-all")).ToContainTextAsync("30%", new() { Timeout = 60_000 });
        await browser.ScreenshotAsync("canary-at-30");

        // The analysis passes on live traffic, then the strategy waits for a person.
        await Expect(page.GetByTestId("rollout-hold")).ToContainTextAsync("waits until resumed or promoted", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("analysis-outcome")).ToHaveTextAsync("pass");
        await browser.ScreenshotAsync("analysis-passed-waiting");

        await page.GetByTestId("rollout-promote").ClickAsync();
        await Expect(page.GetByTestId("active-rollout")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("stable-version")).ToContainTextAsync("1.1.0", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("rollout-1.1.0")).ToContainTextAsync("Promoted");
        await browser.ScreenshotAsync("promoted");

        await page.GetByTestId("rollback-1.0.0").ClickAsync();
        await Expect(page.GetByTestId("stable-version")).ToContainTextAsync("1.0.0", new() { Timeout = 120_000 });
        await Expect(page.Locator("[data-testid=service-status]:has-text('running')")).ToBeVisibleAsync(Slow);
        await browser.ScreenshotAsync("rolled-back");
        var audit = await (await stack.SignInAsync("admin")).AuditAsync($"service/{name}");
        Assert.Contains(audit, e => e.Action == "rollout.promote" && e.Actor == "user:alice");
        Assert.Contains(audit, e => e.Action == "rollout.rollback" && e.Actor == "user:alice");
    }

    [Fact]
    public async Task Admin_SetsTheDefaultStrategy_ABadFieldIsNamed_AndDevelopersSeeItOnTheirServices()
    {
        await using var browser = await Browser.LaunchAsync("rollout-strategy");
        var page = browser.Page;
        await browser.SignInAsync(stack.PortalUrl, "admin");
        await page.GetByTestId("nav-rollout-strategy").ClickAsync();
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("strategy-source")).ToContainTextAsync("built-in default");

        await page.GetByTestId("strategy-json").FillAsync("""{ "steps": [ { "setWeight": 20 }, { "analysis": { "alpha": 2 } }, { "setWeight": 100 } ] }""");
        await page.GetByTestId("strategy-save").ClickAsync();
        await Expect(page.GetByTestId("strategy-errors")).ToContainTextAsync("steps[1].analysis.alpha");
        await browser.ScreenshotAsync("invalid-field");

        await page.GetByTestId("strategy-json").FillAsync("""{ "steps": [ { "setWeight": 20 }, { "analysis": { "durationSeconds": 300 } }, { "setWeight": 100 } ] }""");
        await page.GetByTestId("strategy-save").ClickAsync();
        await Expect(page.GetByTestId("strategy-source")).ToContainTextAsync("platform default");
        await browser.ScreenshotAsync("saved");
        try
        {
            var alice = await stack.SignInAsync("alice");
            await alice.CreateServiceAsync(new CreateServiceRequest("strategy-shown", "payments"));
            var effective = await alice.ServiceStrategyAsync("strategy-shown");
            Assert.Equal(("platform", 300), (effective.Source, effective.Strategy.Steps![1].Analysis!.DurationSeconds));
            var audit = await (await stack.SignInAsync("admin")).AuditAsync("platform/rollout-strategy");
            Assert.Contains(audit, e => e.Action == "settings.rollout-strategy.set" && e.Actor == "user:admin");
        }
        finally
        {
            await (await stack.SignInAsync("admin")).ResetPlatformStrategyAsync();
        }
    }
}
