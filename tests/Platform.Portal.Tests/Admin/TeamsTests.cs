using System.Net;
using Platform.Contracts.Identity;
using Platform.Portal.Components.Pages.Admin;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Admin;

public sealed class TeamsTests : PortalTestContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    private static readonly UserSummaryDto[] People =
    [
        new("bob", "Bob Developer", null, false, ["web"], "password", At, At),
        new("dana", "Dana Developer", null, false, ["payments"], "sso", At, At),
    ];

    [Fact]
    public void Render_Teams_LocalMembersRemovable_SsoMembersMarked()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/teams", new[] { new TeamDto("payments", "Payments", ["dana"]), new TeamDto("web", "Web", ["bob"]) })
            .On("GET /api/v1/users", People);

        var cut = Render<Teams>();

        cut.WaitForAssertion(() => Assert.Contains("dana (SSO)", cut.Find("[data-testid=member-payments-dana]").TextContent));
        Assert.Equal("bob", cut.Find("[data-testid=member-web-bob]").TextContent.Trim());
        Assert.Single(cut.Find("[data-testid=member-web-bob]").QuerySelectorAll("button"));
        Assert.Empty(cut.Find("[data-testid=member-payments-dana]").QuerySelectorAll("button"));
    }

    [Fact]
    public void Create_ApiNamesTheField_ShownOnIt_OtherwiseTheNewTeamIsListed()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/teams", Array.Empty<TeamDto>())
            .On("GET /api/v1/teams", new[] { new TeamDto("checkout", "Checkout", []) })
            .On("GET /api/v1/users", People)
            .OnProblem("POST /api/v1/teams", HttpStatusCode.BadRequest, "The team is invalid.", null,
                new Dictionary<string, string[]> { ["name"] = ["A team name must be 2-40 characters of lower-case letters."] })
            .On("POST /api/v1/teams", new TeamDto("checkout", "Checkout", []), HttpStatusCode.Created);
        var cut = Render<Teams>();

        cut.WaitForElement("[data-testid=team-name]").Change("Checkout!");
        cut.Find("[data-testid=team-display-name]").Change("Checkout");
        cut.Find("[data-testid=team-create]").Click();
        cut.WaitForAssertion(() => Assert.Contains("must be 2-40 characters", cut.Markup));
        cut.Find("[data-testid=team-name]").Change("checkout");
        cut.Find("[data-testid=team-create]").Click();

        cut.WaitForElement("[data-testid=team-row-checkout]");
        Assert.Equal(2, Api.SentTo("POST /api/v1/teams").Count());
        Assert.Contains("\"name\":\"checkout\"", Api.SentTo("POST /api/v1/teams").Last().Body);
    }
}
