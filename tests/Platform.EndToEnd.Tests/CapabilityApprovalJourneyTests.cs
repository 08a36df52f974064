using System.Net;
using Platform.Contracts.Services;
using Platform.EndToEnd.Tests.Support;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A version that declares more than its stable predecessor reaches no node until a platform admin approves it, and
/// the admin approves it in the portal with the capability diff beside the button. Screenshots: artifacts/e2e/screenshots.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CapabilityApprovalJourneyTests(PlatformStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Admin_SeesTheCapabilityDiffBesideApprove_ApprovesIt_ThenTheVersionIsServed()
    {
        const string name = "portal-approval";
        var alice = await stack.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest(name, "payments"));
        await alice.PublishVersionAsync(name, "1.0.0", WasmBuilder.BuildTestComponent("hello"), $"name = \"{name}\"\n");
        var first = await alice.StartRolloutAsync(name, "1.0.0");
        await Eventually.UntilAsync(() => alice.RolloutAsync(first.Id), r => r.Phase == "succeeded", Patience, "the first deployment");
        await alice.PublishVersionAsync(name, "1.1.0", WasmBuilder.BuildTestComponent("hello"),
            $"name = \"{name}\"\n[capabilities]\nkey_value_stores = [\"orders\"]\n");
        var escalation = await alice.StartRolloutAsync(name, "1.1.0");

        // Held before anything is placed: no edge serves 1.1.0, not even when asked for it by name.
        await Eventually.UntilAsync(() => alice.RolloutAsync(escalation.Id), r => r.AwaitingApproval && r.Hold is not null, Patience, "the hold");
        using var http = new HttpClient();
        foreach (var edge in stack.EdgeUrls)
        {
            using var pinned = new HttpRequestMessage(HttpMethod.Get, $"{edge}/{name}/") { Headers = { { "x-platform-version", "1.1.0" } } };
            Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(pinned)).StatusCode);
        }

        // A developer sees why it waits but has no Approve button.
        await using (var developer = await Browser.LaunchAsync("capability-hold"))
        {
            await developer.SignInAsync(stack.PortalUrl, "alice");
            await developer.Page.GotoAsync($"{stack.PortalUrl}/services/{name}");
            await developer.WaitUntilInteractiveAsync();
            await Expect(developer.Page.GetByTestId("capability-diff")).ToContainTextAsync("orders", new() { Timeout = 60_000 });
            await Expect(developer.Page.GetByTestId("rollout-approve")).ToHaveCountAsync(0);
            await developer.ScreenshotAsync("developer-sees-the-hold");
        }

        await using var browser = await Browser.LaunchAsync("capability-approval");
        var page = browser.Page;
        await browser.SignInAsync(stack.PortalUrl, "admin");
        await page.GotoAsync($"{stack.PortalUrl}/services/{name}");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("capability-diff")).ToContainTextAsync("orders", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("rollout-approve")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("admin-sees-the-diff");

        await page.GetByTestId("rollout-approve").ClickAsync();
        var approved = await Eventually.UntilAsync(() => alice.RolloutAsync(escalation.Id), r => r.ApprovedBy is not null, Patience, "the approval");
        Assert.Equal("admin", approved.ApprovedBy);
        await Expect(page.GetByTestId("rollout-approval")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await browser.ScreenshotAsync("approved");

        // Once approved it is placed like any canary: every edge serves it by name.
        foreach (var edge in stack.EdgeUrls)
        {
            var served = await Eventually.UntilAsync(async () =>
            {
                using var pinned = new HttpRequestMessage(HttpMethod.Get, $"{edge}/{name}/") { Headers = { { "x-platform-version", "1.1.0" } } };
                return (await http.SendAsync(pinned)).StatusCode;
            }, s => s == HttpStatusCode.OK, Patience, $"1.1.0 on {edge}");
            Assert.Equal(HttpStatusCode.OK, served);
        }
        var audit = await (await stack.SignInAsync("admin")).AuditAsync($"service/{name}");
        Assert.Contains(audit, e => e.Action == "rollout.approve" && e.Actor == "user:admin");
    }
}
