using Platform.Portal.Components.Pages.TemplateAdmin;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.TemplateAdmin;

public sealed class TemplateManagementTests : PortalTestContext
{
    [Fact]
    public void Render_ManagedTemplate_ShowsOwnerToolchainTagsAndEveryVersionWithItsState()
    {
        Api.On("GET /api/v1/templates?managed=true", new[] { TemplateData.Template(("1.1.0", "draft"), ("1.0.0", "vetted"), ("0.9.0", "deprecated")) });

        var cut = Render<TemplateManagement>();

        cut.WaitForAssertion(() => Assert.Contains("Word in C", cut.Find("[data-testid=manage-template-word-c]").TextContent));
        Assert.Contains("team payments", cut.Markup);
        Assert.Contains("c · c-component", cut.Markup);
        Assert.Contains("demo", cut.Markup);
        var versions = cut.Find("[data-testid=versions-word-c]");
        Assert.Contains("1.1.0 · draft", versions.QuerySelector("[data-testid='version-state-1.1.0']")!.TextContent);
        Assert.Contains("1.0.0 · vetted", versions.QuerySelector("[data-testid='version-state-1.0.0']")!.TextContent);
        Assert.Contains("0.9.0 · deprecated", versions.QuerySelector("[data-testid='version-state-0.9.0']")!.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=new-template]"));
    }

    [Fact]
    public void Render_AdminWithNoTemplates_OffersNewTemplate()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/templates?managed=true", Array.Empty<object>());

        var cut = Render<TemplateManagement>();

        cut.WaitForAssertion(() => Assert.Contains("No templates to manage", cut.Find("[data-testid=empty-state]").TextContent));
        Assert.Equal("manage/templates/new", cut.Find("[data-testid=new-template]").GetAttribute("href"));
    }

    [Fact]
    public void Render_ApiFails_ShowsTheProblem()
    {
        Api.OnProblem("GET /api/v1/templates?managed=true", System.Net.HttpStatusCode.ServiceUnavailable, "Unavailable", "The database is restarting.");

        var cut = Render<TemplateManagement>();

        cut.WaitForAssertion(() => Assert.Contains("The database is restarting.", cut.Find("[data-testid=error-alert]").TextContent));
    }
}
