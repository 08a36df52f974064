using System.Net;
using Platform.Contracts.Templates;
using Platform.Portal.Components.Layout;
using Platform.Portal.Tests.Support;
using Platform.Portal.Tests.TemplateAdmin;

namespace Platform.Portal.Tests.Layout;

public sealed class ManageNavTests : PortalTestContext
{
    private const string Managed = "GET /api/v1/templates?managed=true";

    [Fact]
    public void Render_Admin_ShowsTemplatesEntry_WithoutAskingTheApi()
    {
        SignInAs("admin", isAdmin: true);

        var cut = Render<ManageNav>();

        Assert.Equal("manage/templates", cut.Find("[data-testid=nav-manage-templates]").GetAttribute("href"));
        Assert.Empty(Api.Sent);
    }

    [Fact]
    public void Render_DeveloperWhoseTeamsOwnNoTemplate_ShowsNothing()
    {
        Api.On(Managed, Array.Empty<TemplateDto>());

        var cut = Render<ManageNav>();

        cut.WaitForAssertion(() => Assert.Single(Api.SentTo(Managed)));
        Assert.Empty(cut.FindAll("[data-testid=nav-manage-templates]"));
    }

    [Fact]
    public void Render_DeveloperWhoseTeamOwnsATemplate_ShowsTemplatesEntry()
    {
        Api.On(Managed, new[] { TemplateData.Template(("1.0.0", "draft")) });

        var cut = Render<ManageNav>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=nav-manage-templates]")));
    }

    [Fact]
    public void Render_ApiFails_KeepsTheEntrySoThePageCanSayWhy()
    {
        Api.OnProblem(Managed, HttpStatusCode.ServiceUnavailable, "Unavailable");

        var cut = Render<ManageNav>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=nav-manage-templates]")));
    }
}
