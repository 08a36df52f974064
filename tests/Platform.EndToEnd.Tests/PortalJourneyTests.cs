using System.Text.Json;
using Microsoft.Playwright;
using Platform.EndToEnd.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests;

/// <summary>People using the portal in Chromium, against the real processes. Screenshots: artifacts/e2e/screenshots.</summary>
[Collection(StackCollection.Name)]
public sealed class PortalJourneyTests(PlatformStack stack)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 120_000 };

    [Fact]
    public async Task Developer_CreatesServiceInWizard_SeesItRunningAndItAnswersOnTheEdge()
    {
        await using var browser = await Browser.LaunchAsync("create-service");
        var page = browser.Page;

        await browser.SignInAsync(stack.PortalUrl, "alice", "wrong-password");
        await Expect(page.GetByTestId("signin-message")).ToContainTextAsync("The user name or password is wrong.");
        await browser.ScreenshotAsync("signin-refused");
        await browser.SignInAsync(stack.PortalUrl, "alice", "platform-demo");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("template-card-http-json-c")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("gallery");

        await page.GetByTestId("create-http-json-c").ClickAsync();
        await browser.WaitUntilInteractiveAsync();
        await page.GetByTestId("field-name").FillAsync("Not A Name");
        await page.GetByTestId("wizard-next").ClickAsync();
        await Expect(page.GetByText("lower-case letters").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("invalid-name");

        await page.GetByTestId("field-name").FillAsync("portal-greeter");
        await page.GetByTestId("field-description").FillAsync("Created in the portal journey.");
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("field-param-greeting").FillAsync("Hello <script>");
        await page.GetByTestId("wizard-preview").ClickAsync();
        await Expect(page.GetByText("Letters, digits, spaces and simple punctuation only.").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("invalid-parameter");

        await page.GetByTestId("field-param-greeting").FillAsync("Hello from the portal");
        await page.GetByTestId("wizard-preview").ClickAsync();
        await page.GetByTestId("preview-file-src/main.c").ClickAsync();
        await Expect(page.GetByTestId("preview-content")).ToContainTextAsync("#define GREETING \"Hello from the portal\"");
        await browser.ScreenshotAsync("preview");

        await page.GetByTestId("wizard-create").ClickAsync();
        await page.WaitForURLAsync("**/services/portal-greeter");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("build-log")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("building");
        await Expect(page.Locator("[data-testid=service-status]:has-text('running')")).ToBeVisibleAsync(Slow);
        await Expect(page.GetByTestId("service-url")).ToHaveCountAsync(stack.EdgeUrls.Count);
        await Expect(page.GetByTestId("stable-version")).ToContainTextAsync("0.1.0");
        await Expect(page.GetByTestId("build-log")).ToContainTextAsync("Published portal-greeter 0.1.0");
        await browser.ScreenshotAsync("running");

        var url = await page.GetByTestId("service-url").First.GetAttributeAsync("href");
        using var http = new HttpClient();
        using var json = JsonDocument.Parse(await http.GetStringAsync(url + "/"));
        Assert.Equal("Hello from the portal", json.RootElement.GetProperty("message").GetString());

        // The edge reports the request in its next heartbeat; the page picks it up on its next poll.
        await Expect(page.GetByTestId("traffic-row-0.1.0")).ToBeVisibleAsync(Slow);
        await page.GetByTestId("variable-name").FillAsync("api_key");
        await page.GetByTestId("variable-value").FillAsync("never-shown-again");
        await page.GetByTestId("variable-save").ClickAsync();
        await Expect(page.GetByTestId("variable-row-api_key")).ToContainTextAsync("(secret)");
        await Expect(page.GetByTestId("variable-row-api_key")).Not.ToContainTextAsync("never-shown-again");
        await browser.ScreenshotAsync("traffic-and-secret");
    }

    [Fact]
    public async Task Developer_OpensAdminPages_IsToldNotAllowed_AdminSeesNodes()
    {
        await using var browser = await Browser.LaunchAsync("admin-pages");
        var page = browser.Page;

        await browser.SignInAsync(stack.PortalUrl, "bob", "platform-demo");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("nav-nodes")).ToHaveCountAsync(0);
        await page.GotoAsync($"{stack.PortalUrl}/admin/nodes");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("developer-not-allowed");

        await page.GetByTestId("signout").ClickAsync();
        await browser.SignInAsync(stack.PortalUrl, "admin", "platform-demo");
        await browser.WaitUntilInteractiveAsync();
        await page.GetByTestId("nav-nodes").ClickAsync();
        await Expect(page.GetByTestId("node-row-edge-1")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("node-row-edge-2")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("admin-nodes");
    }
}
