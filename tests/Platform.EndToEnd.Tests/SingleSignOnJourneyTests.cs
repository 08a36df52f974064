using Platform.EndToEnd.Tests.Support;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A person without a Platform account signs in through the organisation's OpenID Connect provider, in Chromium
/// against the real processes: the portal runs the code flow, the API checks the ID token, creates the account
/// with the teams the person's groups name, and the portal shows their team's services; signing out ends the
/// provider's session too; an admin finds them among the people. Screenshots:
/// artifacts/e2e/screenshots/single-sign-on-*.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SingleSignOnJourneyTests(PlatformStack stack)
{
    [Fact]
    public async Task NewPerson_SignsInWithSso_GetsAnAccountInTheirGroupsTeam()
    {
        stack.IdentityProvider.SignedIn = new TestPerson("sub-dana", "dana", "Dana Developer", "dana@example.com", ["payments", "everyone"]);
        await using var browser = await Browser.LaunchAsync("single-sign-on");
        var page = browser.Page;

        await page.GotoAsync($"{stack.PortalUrl}/signin");
        await Expect(page.GetByTestId("signin-sso")).ToContainTextAsync($"Sign in with {PlatformStack.SingleSignOnName}");
        await browser.ScreenshotAsync("signin-page");
        await page.GetByTestId("signin-sso").ClickAsync();
        await page.WaitForURLAsync($"{stack.PortalUrl}/");
        await browser.WaitUntilInteractiveAsync();

        await Expect(page.GetByText("Dana Developer").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("signed-in");
        var admin = await stack.SignInAsync("admin");
        var audit = await admin.AuditAsync("user/dana");
        Assert.Contains(audit, e => e.Action == "user.provision");
        Assert.Contains(audit, e => e.Action == "auth.sign-in" && e.Details["method"] == "oidc" && e.Details["teams"] == "payments");

        await page.GetByTestId("signout").ClickAsync();
        await page.WaitForURLAsync("**/signin?signedOut=true");
        await Expect(page.GetByTestId("signin-message")).ToContainTextAsync("You are signed out.");
        await browser.ScreenshotAsync("signed-out");
        Assert.Contains("sub-dana", stack.IdentityProvider.SignedOut);

        await browser.SignInAsync(stack.PortalUrl, "admin");
        await page.GotoAsync($"{stack.PortalUrl}/admin/users");
        await Expect(page.GetByTestId("signs-in-with-dana")).ToHaveTextAsync("single sign-on");
        await Expect(page.GetByTestId("signs-in-with-alice")).ToHaveTextAsync("password");
        await browser.ScreenshotAsync("people");
    }
}
