using Platform.Client;
using Platform.Contracts.Services;
using Platform.Contracts.Topics;
using Platform.EndToEnd.Tests.Support;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// An owner looks after an event consumer in Chromium against the real processes and a real nats-server: events its release
/// cannot handle land in the dead letters (one attempt), the service page's Event consumers panel shows them with the error,
/// the owner re-drives them (the release fails them again: the re-drive completes, one dead letter per event), then replays
/// the topic from its first event; another team sees the figures without the buttons. Screenshots: artifacts/e2e/screenshots/consumers-*.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ConsumerJourneyTests(PlatformStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly string FailingConsumer = Path.Combine(RepositoryPaths.Root, "tests", "components-events", "failing-consumer");
    private const string Service = "journey-consumer";
    private const string Topic = "journey-events";

    [Fact]
    public async Task Owner_SeesDeadLettersWithTheError_Redrives_Replays_OtherTeamReadsOnly()
    {
        var alice = await DeployedFailingConsumerAsync();
        foreach (var key in new[] { "order-1", "order-2" })
        {
            await alice.PublishEventAsync(Topic, $$"""{"order":"{{key}}"}""", key: key);
        }
        await Eventually.UntilAsync(() => alice.ConsumersAsync(Service), c => c is [{ DeadLetters: 2 }], Patience, "two dead letters");

        await using (var browser = await Browser.LaunchAsync("consumers"))
        {
            var page = browser.Page;
            await browser.SignInAsync(stack.PortalUrl, "alice");
            await browser.WaitUntilInteractiveAsync();
            await page.GotoAsync($"{stack.PortalUrl}/services/{Service}");
            await browser.WaitUntilInteractiveAsync();
            await Expect(page.GetByTestId($"consumer-{Topic}")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("consumer-dead-letters")).ToContainTextAsync("2");
            await page.GetByTestId("consumer-show-dead-letters").ClickAsync();
            await Expect(page.GetByTestId("dead-letters-table")).ToContainTextAsync("this release cannot handle events");
            await Expect(page.GetByTestId("dead-letters-table")).ToContainTextAsync("order-2");
            await browser.ScreenshotAsync("dead-letters");

            await page.GetByTestId("consumer-redrive").ClickAsync();
            await Expect(page.GetByTestId("replays-table")).ToContainTextAsync("dead letters");
            await browser.ScreenshotAsync("redrive");
            // The release still fails them: each goes back to the dead letters once, and the Deployer ends the re-drive.
            await Eventually.UntilAsync(() => alice.ReplaysAsync(Service), r => r is [{ FinishedAt: not null }], Patience, "the re-drive ended");
            await page.GetByTestId("consumers-refresh").ClickAsync();
            await Expect(page.GetByTestId("replay-state").First).ToContainTextAsync("completed");

            await page.GetByTestId("consumer-replay").ClickAsync();
            await page.GetByTestId("replay-from-sequence").FillAsync("1");
            await page.GetByTestId("replay-start").ClickAsync();
            await Expect(page.GetByTestId("replay-row")).ToHaveCountAsync(2);
            await Expect(page.GetByTestId("replays-table")).ToContainTextAsync("#1");
            await browser.ScreenshotAsync("replay");
        }

        var replays = await alice.ReplaysAsync(Service);
        Assert.Equal(["topic", "dead-letters"], replays.Select(r => r.Source));
        Assert.Equal((1L, 2L, "1.0.0"), (replays[0].FromSequence!.Value, replays[0].UntilSequence, replays[0].Version));

        await using (var browser = await Browser.LaunchAsync("consumers-other-team"))
        {
            var page = browser.Page;
            await browser.SignInAsync(stack.PortalUrl, "bob");
            await browser.WaitUntilInteractiveAsync();
            await page.GotoAsync($"{stack.PortalUrl}/services/{Service}");
            await browser.WaitUntilInteractiveAsync();
            await Expect(page.GetByTestId($"consumer-{Topic}")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("consumer-redrive")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("consumer-replay")).ToHaveCountAsync(0);
            await browser.ScreenshotAsync("read-only");
        }
    }

    /// <summary>The topic, and the service's one release (its handler fails every event; one attempt each) on every node.</summary>
    private async Task<PlatformClient> DeployedFailingConsumerAsync()
    {
        var alice = await stack.SignInAsync("alice");
        await alice.CreateTopicAsync(new CreateTopicRequest(Topic, "payments"));
        await alice.CreateServiceAsync(new CreateServiceRequest(Service, "payments"));
        await alice.PublishVersionAsync(Service, "1.0.0", WasmBuilder.Build(FailingConsumer), $$"""
            name = "{{Service}}"
            [[triggers]]
            topic = "{{Topic}}"
            retry = { max_attempts = 1 }
            """);
        var first = await alice.StartRolloutAsync(Service, "1.0.0");
        if (first.AwaitingApproval) await (await stack.SignInAsync("admin")).ApproveRolloutAsync(first.Id);
        var done = await Eventually.UntilAsync(() => alice.RolloutAsync(first.Id), r => r.Phase is not ("pending" or "progressing"), Patience, "the first deployment");
        Assert.Equal("succeeded", done.Phase);
        return alice;
    }
}
