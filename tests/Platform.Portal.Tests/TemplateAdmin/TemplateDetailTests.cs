using MudBlazor;
using Platform.Portal.Components.Pages.TemplateAdmin;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.TemplateAdmin;

public sealed class TemplateDetailTests : PortalTestContext
{
    private const string Vet = "POST /api/v1/templates/word-c/versions/1.0.0/vet";

    public TemplateDetailTests()
    {
        Api.On("GET /api/v1/templates/word-c/versions/1.0.0", TemplateData.Version("1.0.0", "draft"))
            .On("GET /api/v1/templates/word-c/versions/1.0.0/files", TemplateData.Files);
    }

    [Fact]
    public void Render_Version_ShowsSchemaFilesAndManifestDefaults()
    {
        Api.On("GET /api/v1/templates/word-c", TemplateData.Template(("1.0.0", "draft")));

        var cut = Render<TemplateDetail>(p => p.Add(c => c.Name, "word-c"));

        cut.WaitForAssertion(() => Assert.Contains("^[a-z]+$", cut.Find("[data-testid=schema-row-word]").TextContent));
        Assert.Contains("Lower-case letters only.", cut.Find("[data-testid=schema-row-word]").TextContent);
        Assert.Contains("hello", cut.Find("[data-testid=schema-row-word]").TextContent);
        Assert.Contains("1.0.0 · draft", cut.Find("[data-testid=version-view]").TextContent);
        Assert.Equal("manage/templates/word-c/publish", cut.Find("[data-testid=publish-version]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid='vet-1.0.0']"));
    }

    [Fact]
    public void Vet_AdminConfirms_PostsAndShowsTheVersionVetted()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/templates/word-c", TemplateData.Template(("1.0.0", "draft")))
            .On("GET /api/v1/templates/word-c", TemplateData.Template(("1.0.0", "vetted")))
            .On(Vet, TemplateData.Version("1.0.0", "vetted"));
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<TemplateDetail>(p => p.Add(c => c.Name, "word-c"));

        cut.WaitForElement("[data-testid='vet-1.0.0']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Developers can create services from it", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Vet").Click();

        cut.WaitForAssertion(() => Assert.Contains("1.0.0 · vetted", cut.Find("[data-testid='version-row-1.0.0']").TextContent));
        Assert.Single(Api.SentTo(Vet));
        Assert.Single(cut.FindAll("[data-testid='deprecate-1.0.0']"));
    }

    [Fact]
    public void Vet_AdminCancels_NothingSent()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/templates/word-c", TemplateData.Template(("1.0.0", "draft")));
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<TemplateDetail>(p => p.Add(c => c.Name, "word-c"));

        cut.WaitForElement("[data-testid='vet-1.0.0']").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click());

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Developers can create services from it", dialogs.Markup));
        Assert.Empty(Api.SentTo(Vet));
        Assert.Contains("1.0.0 · draft", cut.Find("[data-testid='version-row-1.0.0']").TextContent);
    }

    [Fact]
    public void Vet_ApiRefuses_SaysWhy()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/templates/word-c", TemplateData.Template(("1.0.0", "draft")))
            .OnProblem(Vet, System.Net.HttpStatusCode.Conflict, "Conflict", "word-c 1.0.0 is vetted; only a draft version can be vetted.");
        var dialogs = Render<MudDialogProvider>();
        var snackbar = Render<MudSnackbarProvider>();
        var cut = Render<TemplateDetail>(p => p.Add(c => c.Name, "word-c"));

        cut.WaitForElement("[data-testid='vet-1.0.0']").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Vet").Click());

        snackbar.WaitForAssertion(() => Assert.Contains("only a draft version can be vetted", snackbar.Markup));
    }

    [Fact]
    public void Edit_OwnerChangesTheTitle_SendsOnlyWhatChangedAndShowsIt()
    {
        var renamed = TemplateData.Template(("1.0.0", "draft")) with { Title = "Word service in C" };
        Api.On("GET /api/v1/templates/word-c", TemplateData.Template(("1.0.0", "draft")))
            .On("GET /api/v1/templates/word-c", renamed)
            .On("PATCH /api/v1/templates/word-c", renamed);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<TemplateDetail>(p => p.Add(c => c.Name, "word-c"));

        cut.WaitForElement("[data-testid=edit-template]").Click();
        dialogs.WaitForElement("[data-testid=edit-title]").Change("Word service in C");
        Assert.Empty(dialogs.FindAll("[data-testid=edit-owner]"));
        dialogs.Find("[data-testid=edit-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Word service in C", cut.Markup));
        var (_, body) = Assert.Single(Api.SentTo("PATCH /api/v1/templates/word-c"));
        using var sent = System.Text.Json.JsonDocument.Parse(body!);
        Assert.Equal("Word service in C", sent.RootElement.GetProperty("title").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, sent.RootElement.GetProperty("description").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, sent.RootElement.GetProperty("tags").ValueKind);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=edit-template-dialog]")));
    }

    [Fact]
    public void Edit_ApiRefusesATag_MessageOnTheTagsDialogStaysOpen()
    {
        Api.On("GET /api/v1/templates/word-c", TemplateData.Template(("1.0.0", "draft")))
            .OnProblem("PATCH /api/v1/templates/word-c", System.Net.HttpStatusCode.BadRequest, "The template cannot be changed like this.", null,
                new Dictionary<string, string[]> { ["tags"] = ["At most 16 tags, each 1-32 lower-case letters, digits and hyphens."] });
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<TemplateDetail>(p => p.Add(c => c.Name, "word-c"));

        cut.WaitForElement("[data-testid=edit-template]").Click();
        dialogs.WaitForElement("[data-testid=tag-input]").Input("Bad Tag!");
        dialogs.Find("[data-testid=tag-add]").Click();
        dialogs.Find("[data-testid=edit-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("each 1-32 lower-case letters", dialogs.Find("[data-testid=tag-editor]").TextContent));
        Assert.Single(dialogs.FindAll("[data-testid=edit-template-dialog]"));
        Assert.Contains("\"Bad Tag!\"", Assert.Single(Api.SentTo("PATCH /api/v1/templates/word-c")).Body);
    }
}
