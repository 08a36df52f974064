using System.Net;
using Platform.Contracts.Services;
using Platform.Portal.Components.Pages.Services;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Services;

public sealed class TemplateUpdatePanelTests : PortalTestContext
{
    private static readonly TemplateUpdateDto Available = new("http-json-c", "1.0.0", "1.1.0", true,
    [
        new TemplateFileChangeDto(".platform/ci.yaml", "added", "--- /dev/null\n+++ b/.platform/ci.yaml\n@@ -0,0 +1 @@\n+service: hello-api\n"),
        new TemplateFileChangeDto("README.md", "modified", "--- a/README.md\n+++ b/README.md\n@@ -1,2 +1,2 @@\n # hello\n-Ship it.\n+Ship it through the platform.\n"),
    ], []);

    private static readonly TemplateUpdateDto UpToDate = new("http-json-c", "1.1.0", null, false, [], []);

    private IRenderedComponent<TemplateUpdatePanel> RenderPanel(string team = "payments") =>
        Render<TemplateUpdatePanel>(p => p.Add(x => x.Service, "hello-api").Add(x => x.Team, team));

    [Fact]
    public void Render_UpdateAvailable_ShowsVersionsFilesAndDiffLines()
    {
        Api.Returns(Available);

        var cut = RenderPanel();

        cut.WaitForAssertion(() => Assert.Contains("Update available: template http-json-c 1.0.0 → 1.1.0", cut.Find("[data-testid=template-update-title]").TextContent));
        Assert.Equal(2, cut.FindAll("[data-testid^=template-update-file-]").Count);
        cut.Find("[data-testid='template-update-file-README.md'] .mud-expand-panel-header").Click();
        var readme = cut.Find("[data-testid='template-update-file-README.md']");
        Assert.Equal("-Ship it.", readme.QuerySelector("pre.diff .diff-del")!.TextContent.TrimEnd('\n'));
        Assert.Equal("+Ship it through the platform.", readme.QuerySelector("pre.diff .diff-add")!.TextContent.TrimEnd('\n'));
        Assert.NotNull(cut.Find("[data-testid=template-update-apply]"));
    }

    [Fact]
    public void Render_UpToDate_RendersNothing()
    {
        Api.Returns(UpToDate);

        var cut = RenderPanel();

        cut.WaitForAssertion(() => Assert.Single(Api.Requests));
        Assert.Empty(cut.FindAll("[data-testid=template-update-panel]"));
    }

    [Fact]
    public void Render_NotOwningTeam_NoApplyButton()
    {
        Api.Returns(Available);

        var cut = RenderPanel(team: "web");

        cut.WaitForElement("[data-testid=template-update-owners-only]");
        Assert.Empty(cut.FindAll("[data-testid=template-update-apply]"));
    }

    [Fact]
    public void Apply_Succeeds_PostsReviewedVersionAndPanelDisappears()
    {
        Api.Returns(Available)
           .Returns(new AppliedTemplateUpdateDto("1.1.0", "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", 3, null))
           .Returns(UpToDate);
        var applied = 0;
        var cut = Render<TemplateUpdatePanel>(p => p.Add(x => x.Service, "hello-api").Add(x => x.Team, "payments").Add(x => x.OnApplied, () => applied++));
        cut.WaitForElement("[data-testid=template-update-apply]");

        cut.Find("[data-testid=template-update-apply]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=template-update-panel]")));
        Assert.Equal(1, applied);
        Assert.Equal(["/api/v1/services/hello-api/template-update", "/api/v1/services/hello-api/template-update", "/api/v1/services/hello-api/template-update"],
            Api.Requests.ToArray());
    }

    [Fact]
    public void Apply_Conflict_ShowsFilesAndKeepsPanel()
    {
        Api.Returns(Available)
           .ReturnsProblem(HttpStatusCode.Conflict, "The template update conflicts with changes in the repository.",
               "These files were changed both in the repository and by http-json-c 1.1.0: README.md. Nothing was changed; merge them by hand.");
        var cut = RenderPanel();
        cut.WaitForElement("[data-testid=template-update-apply]");

        cut.Find("[data-testid=template-update-apply]").Click();

        cut.WaitForAssertion(() => Assert.Contains("README.md. Nothing was changed", cut.Markup));
        Assert.NotNull(cut.Find("[data-testid=template-update-panel]"));
    }
}
