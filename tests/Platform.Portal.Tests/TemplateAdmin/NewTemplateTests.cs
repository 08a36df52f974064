using System.Net;
using MudBlazor;
using Platform.Contracts.Identity;
using Platform.Portal.Components.Pages.TemplateAdmin;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.TemplateAdmin;

public sealed class NewTemplateTests : PortalTestContext
{
    private const string Create = "POST /api/v1/templates";

    [Fact]
    public void Render_Developer_IsToldOnlyAdminsCreateTemplates()
    {
        var cut = Render<NewTemplate>();

        Assert.Contains("Only platform admins create templates.", cut.Find("[data-testid=not-allowed]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=template-create]"));
    }

    [Fact]
    public void Create_ValidationProblem_PutsMessagesOnTheirFields()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/teams", new[] { new TeamDto("payments", "Payments", ["alice"]) })
            .OnProblem(Create, HttpStatusCode.BadRequest, "One or more validation errors occurred.", errors: new()
            {
                ["name"] = ["A template name is lower-case letters, digits and hyphens."],
                ["ownerTeam"] = ["Team 'payments' does not exist."],
            });
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<NewTemplate>();

        cut.Find("input[data-testid=template-name]").Input("word-c");
        cut.Find("input[data-testid=template-title]").Change("Word in C");
        cut.Find("input[data-testid=tag-input]").Input("demo");
        cut.Find("[data-testid=tag-add]").Click();
        cut.Find(".mud-select .mud-input-control").MouseDown();
        popovers.WaitForElement("[data-testid=option-owner-payments]").Click();
        cut.Find("[data-testid=template-create]").Click();

        cut.WaitForAssertion(() => Assert.Contains("lower-case letters", cut.Find("[data-testid=template-name]").Closest(".mud-input-control")!.TextContent));
        Assert.Contains("does not exist", cut.Find(".mud-select").TextContent);
        Assert.Contains("\"tags\":[\"demo\"]", Assert.Single(Api.SentTo(Create)).Body);
    }
}
