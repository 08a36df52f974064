using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Templates;
using Platform.Portal.Components.Pages.TemplateAdmin;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.TemplateAdmin;

public sealed class PublishVersionTests : PortalTestContext
{
    private const string Publish = "POST /api/v1/templates/word-c/versions";

    public PublishVersionTests()
    {
        Api.On("GET /api/v1/templates/word-c", TemplateData.Template(("1.0.0", "vetted")))
            .On("GET /api/v1/templates", Array.Empty<TemplateDto>())
            .On("GET /api/v1/templates/word-c/versions/1.0.0", TemplateData.Version("1.0.0", "vetted"))
            .On("GET /api/v1/templates/word-c/versions/1.0.0/files", TemplateData.Files);
    }

    [Fact]
    public void Render_StartsFromACopyOfTheNewestVersion_WithTheNextMinorVersion()
    {
        var cut = RenderPage();

        Assert.Equal("1.1.0", cut.Find("[data-testid=publish-version-number]").GetAttribute("value"));
        Assert.Equal("word", cut.Find("[data-testid=param-0-name]").GetAttribute("value"));
        Assert.Equal("^[a-z]+$", cut.Find("[data-testid=param-0-pattern]").GetAttribute("value"));
        Assert.Contains("route = \"{{ route }}\"", cut.Find("[data-testid=publish-manifest]").TextContent);
        Assert.Contains("src/main.c", cut.Find("[data-testid=files-editor]").TextContent);
        Assert.DoesNotContain("platform.toml", cut.Find("[data-testid=files-editor]").TextContent);
    }

    [Fact]
    public void Publish_SendsTheEditedCopy_ThenOpensTheNewDraft()
    {
        Api.On(Publish, TemplateData.Version("1.1.0", "draft"), HttpStatusCode.Created);
        var cut = RenderPage();

        cut.Find("[data-testid=param-0-help]").Change("Say it loud.");
        cut.Find("[data-testid=param-add]").Click();
        cut.Find("[data-testid=param-1-name]").Change("volume");
        cut.Find("[data-testid=param-1-title]").Change("Volume");
        cut.Find("[data-testid=publish-submit]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("manage/templates/word-c?version=1.1.0", Services.GetRequiredService<NavigationManager>().Uri));
        var sent = JsonSerializer.Deserialize<PublishTemplateVersionRequest>(Assert.Single(Api.SentTo(Publish)).Body!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(("1.1.0", "c-component", "component"), (sent.Version, sent.Toolchain, sent.Executor));
        Assert.Equal(["word", "volume"], sent.Parameters.Select(p => p.Name));
        Assert.Equal("Say it loud.", sent.Parameters[0].Help);
        Assert.Equal(TemplateData.Files.ToDictionary(f => f.Path, f => f.Content), sent.Files);
    }

    [Fact]
    public void Publish_ValidationProblem_PutsEachMessageOnItsField()
    {
        Api.OnProblem(Publish, HttpStatusCode.BadRequest, "The template version is invalid.", errors: new()
        {
            ["version"] = ["'1.1' is not a semantic version such as 1.2.0."],
            ["parameters[0].pattern"] = ["'([' is not a valid regular expression."],
            ["files"] = ["A template must contain platform.toml."],
        });
        var cut = RenderPage();

        cut.Find("[data-testid=publish-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("not a semantic version", FieldOf(cut, "publish-version-number")));
        Assert.Contains("not a valid regular expression", FieldOf(cut, "param-0-pattern"));
        Assert.DoesNotContain("regular expression", FieldOf(cut, "param-0-name"));
        Assert.Contains("A template must contain platform.toml.", cut.Markup);
        Assert.Contains("the problems are marked above", cut.Markup);
    }

    [Fact]
    public void Publish_VersionExists_WarnsWithTheApisReason()
    {
        Api.OnProblem(Publish, HttpStatusCode.Conflict, "Conflict", "Version 1.1.0 of 'word-c' already exists; template versions are immutable.");
        var cut = RenderPage();

        cut.Find("[data-testid=publish-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("template versions are immutable", cut.Find("[data-testid=error-alert]").TextContent));
        Assert.Contains("mud-alert-outlined-warning", cut.Find("[data-testid=error-alert]").ClassName);
    }

    [Fact]
    public void Files_AddedAndRemoved_AreWhatIsPublished()
    {
        Api.On(Publish, TemplateData.Version("1.1.0", "draft"), HttpStatusCode.Created);
        var cut = RenderPage();

        cut.Find("[data-testid='edit-file-src/main.c']").Click();
        cut.Find("[data-testid=file-remove]").Click();
        cut.Find("[data-testid=file-add]").Click();
        cut.Find("[data-testid=file-path]").Change("docs/{{ service_name }}.md");
        cut.Find("[data-testid=file-content]").Change("# {{ service_name }}\n");
        cut.Find("[data-testid=publish-manifest]").Change("name = \"{{ service_name }}\"\n");
        cut.Find("[data-testid=publish-submit]").Click();

        cut.WaitForAssertion(() => Assert.Single(Api.SentTo(Publish)));
        var sent = JsonSerializer.Deserialize<PublishTemplateVersionRequest>(Api.SentTo(Publish).Single().Body!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(new Dictionary<string, string>
        {
            ["platform.toml"] = "name = \"{{ service_name }}\"\n",
            ["docs/{{ service_name }}.md"] = "# {{ service_name }}\n",
        }, sent.Files);
    }

    [Fact]
    public void RemoveParameter_DropsTheRow()
    {
        var cut = RenderPage();

        cut.Find("[data-testid=param-0-remove]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid=param-row-0]"));
            Assert.Contains("No parameters.", cut.Find("[data-testid=parameter-rows]").TextContent);
        });
    }

    private IRenderedComponent<PublishVersion> RenderPage()
    {
        var cut = Render<PublishVersion>(p => p.Add(c => c.Name, "word-c"));
        cut.WaitForElement("[data-testid=param-0-name]");
        return cut;
    }

    private static string FieldOf(IRenderedComponent<PublishVersion> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;
}
