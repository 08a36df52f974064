using Platform.Contracts.Identity;
using Platform.Portal.Components.Pages.Admin;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Admin;

public sealed class PeopleTests : PortalTestContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Render_Admin_ListsPeopleWithTeamsAndHowTheySignIn()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/users", new[]
        {
            new UserSummaryDto("alice", "Alice Developer", "alice@example.com", false, ["payments"], "password", At, At),
            new UserSummaryDto("carol", "Carol Cloud", null, true, [], "sso", At, null),
        });

        var cut = Render<People>();

        cut.WaitForAssertion(() => Assert.Contains("single sign-on", cut.Find("[data-testid=signs-in-with-carol]").TextContent));
        Assert.Equal("password", cut.Find("[data-testid=signs-in-with-alice]").TextContent.Trim());
        var carol = cut.Find("[data-testid=person-row-carol]").ParentElement!.TextContent;
        Assert.Contains("platform admin", carol);
        Assert.Contains("never", carol);
        Assert.Contains("payments", cut.Find("[data-testid=person-row-alice]").ParentElement!.TextContent);
    }

    [Fact]
    public void Render_Developer_NotAllowedAndNothingAsked()
    {
        var cut = Render<People>();

        cut.WaitForElement("[data-testid=not-allowed]");
        Assert.Empty(cut.FindAll("[data-testid=people-table]"));
        Assert.Empty(Api.SentTo("GET /api/v1/users"));
    }

    [Fact]
    public void Deactivate_AdminConfirms_PostsAndShowsThePersonDeactivated()
    {
        SignInAs("admin", isAdmin: true);
        var alice = new UserSummaryDto("alice", "Alice Developer", "alice@example.com", false, ["payments"], "password", At, At);
        Api.On("GET /api/v1/users", new[] { alice })
            .On("GET /api/v1/users", new[] { alice with { DeactivatedAt = At } })
            .On("POST /api/v1/users/alice/deactivate", alice with { DeactivatedAt = At });
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<People>();

        cut.WaitForElement("[data-testid=deactivate-alice]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("loses access at once", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Deactivate").Click();

        cut.WaitForElement("[data-testid=deactivated-alice]");
        Assert.Single(Api.SentTo("POST /api/v1/users/alice/deactivate"));
        Assert.Single(cut.FindAll("[data-testid=reactivate-alice]"));
    }
}
