using Microsoft.Playwright;
using Platform.Application.Templates;
using Platform.Client;
using Platform.Contracts.Services;
using Platform.Contracts.Templates;
using Platform.EndToEnd.Tests.Support;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests;

/// <summary>The service page's source panel and template update, in Chromium. Screenshots: artifacts/e2e/screenshots.</summary>
[Collection(StackCollection.Name)]
public sealed class SourceJourneyTests(PlatformStack stack)
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 60_000 };

    [Fact]
    public async Task Owner_SeesCloneCommandAndTemplateUpdate_AppliesItAsCommit()
    {
        // A copy of http-json-c (its own name, so the other journeys keep using 1.0.0), then a 1.1.0 with a longer README.
        var admin = await stack.SignInAsync("admin");
        var definition = TemplateDefinitionReader.Read(Path.Combine(RepositoryPaths.Templates, "http-json-c"), RepositoryPaths.Sdk);
        await admin.CreateTemplateAsync(new CreateTemplateRequest("journey-c", "Journey in C", "A copy for the source journey.", "platform", "c"));
        await PublishAsync(admin, definition, "1.0.0", definition.Files);
        var alice = await stack.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("journey", "payments", "journey-c", null, "",
            new Dictionary<string, string?> { ["greeting"] = "Hello from the journey" }));
        var newer = new Dictionary<string, string>(definition.Files) { ["README.md"] = definition.Files["README.md"] + "\n## Runbook\nPage {{ team }}.\n" };
        await PublishAsync(admin, definition, "1.1.0", newer);

        await using var browser = await Browser.LaunchAsync("source");
        var page = browser.Page;
        await page.GotoAsync($"{stack.PortalUrl}/signin?returnUrl=%2Fservices%2Fjourney");
        await page.GetByTestId("signin-username").FillAsync("alice");
        await page.GetByTestId("signin-password").FillAsync("platform-demo");
        await page.GetByTestId("signin-submit").ClickAsync();
        await page.WaitForURLAsync("**/services/journey");
        await browser.WaitUntilInteractiveAsync();

        await Expect(page.GetByTestId("source-clone")).ToHaveValueAsync($"git clone {stack.ApiUrl}/git/journey.git");
        await Expect(page.GetByTestId("source-revision-1")).ToContainTextAsync("Created from template journey-c 1.0.0");
        await Expect(page.GetByTestId("template-update-title")).ToContainTextAsync("Update available: template journey-c 1.0.0 → 1.1.0");
        await page.GetByTestId("template-update-file-README.md").ClickAsync();
        await Expect(page.Locator("pre.diff .diff-add").Filter(new() { HasText = "Page payments." })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("update-available");

        await page.GetByTestId("template-update-apply").ClickAsync();
        await Expect(page.GetByTestId("template-update-panel")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("source-revision-2")).ToContainTextAsync("Update template journey-c 1.0.0 → 1.1.0", Slow);
        await browser.ScreenshotAsync("update-applied");
        Assert.Equal("1.1.0", (await alice.ServiceAsync("journey")).TemplateVersion);
    }

    private static async Task PublishAsync(PlatformClient admin, TemplateDefinition definition, string version, IReadOnlyDictionary<string, string> files)
    {
        var parameters = definition.Parameters.Select(p => new TemplateParameterDto(p.Name, p.Title, p.Type.ToString().ToLowerInvariant(), p.Required,
            p.Pattern, p.PatternHelp, p.Options, p.Default, p.Help, p.MaxLength)).ToList();
        await admin.PublishTemplateVersionAsync("journey-c",
            new PublishTemplateVersionRequest(version, definition.Toolchain, definition.Executor, parameters, files, DeployOnCreate: false));
        await admin.VetTemplateVersionAsync("journey-c", version);
    }
}
