using System.Net;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Services;
using Platform.Contracts.Templates;

namespace Platform.Api.Tests;

/// <summary>Templates as data: drafts, vetting by a platform admin, deprecation, and the checks on a version.</summary>
public sealed class TemplateLifecycleTests(ApiFactory api) : ApiTest(api)
{
    private static PublishTemplateVersionRequest Version(string version, Dictionary<string, string>? files = null, string? pattern = "^[a-z]+$") =>
        new(version, "c-component", "component",
            [new TemplateParameterDto("word", "Word", "string", true, pattern, null, [], "hello", null, 20)],
            files ?? new Dictionary<string, string>
            {
                ["platform.toml"] = "name = \"{{ service_name }}\"\n",
                ["src/main.c"] = "#include \"../platform/platform_edge.h\"\nvoid platform_handle(const pe_request *q, pe_response *r) { (void)q; pe_response_set_body_str(r, \"{{ word }}\"); }\n",
            });

    private async Task<PlatformClient> AdminWithTemplateAsync()
    {
        var admin = await Api.SignInAsync("admin");
        await admin.CreateTemplateAsync(new CreateTemplateRequest("word-c", "Word in C", "Says a word.", "platform", "c"));
        return admin;
    }

    [Fact]
    public async Task Draft_NotOfferedToDevelopers_UntilAnAdminVetsIt()
    {
        var admin = await AdminWithTemplateAsync();
        var draft = await admin.PublishTemplateVersionAsync("word-c", Version("1.0.0"));
        Assert.Equal("draft", draft.Status);
        var alice = await Api.SignInAsync("alice");
        Assert.DoesNotContain(await alice.TemplatesAsync(), t => t.Name == "word-c");
        Assert.Empty(await alice.TemplateVersionsAsync("word-c"));

        var vetted = await admin.VetTemplateVersionAsync("word-c", "1.0.0");

        Assert.Equal("vetted", vetted.Status);
        Assert.Equal("1.0.0", Assert.Single(await alice.TemplatesAsync(), t => t.Name == "word-c").LatestVersion);
        var preview = await alice.PreviewServiceAsync(new CreateServiceRequest("worder", "payments", "word-c"));
        Assert.Contains("\"hello\"", Assert.Single(preview.Files, f => f.Path == "src/main.c").Content);
    }

    [Fact]
    public async Task Vet_ByDeveloper_Forbidden()
    {
        var admin = await AdminWithTemplateAsync();
        await admin.PublishTemplateVersionAsync("word-c", Version("1.0.0"));
        var error = await Assert.ThrowsAsync<PlatformApiException>(async () => await (await Api.SignInAsync("alice")).VetTemplateVersionAsync("word-c", "1.0.0"));
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
    }

    [Fact]
    public async Task Deprecated_NotUsedForNewServices()
    {
        var admin = await AdminWithTemplateAsync();
        await admin.PublishTemplateVersionAsync("word-c", Version("1.0.0"));
        await admin.VetTemplateVersionAsync("word-c", "1.0.0");
        await admin.DeprecateTemplateVersionAsync("word-c", "1.0.0");

        var alice = await Api.SignInAsync("alice");
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.CreateServiceAsync(new CreateServiceRequest("worder", "payments", "word-c", "1.0.0")));
        Assert.Contains("templateVersion", error.Problem.Errors!.Keys);
        Assert.Empty(await alice.ServicesAsync());
    }

    [Fact]
    public async Task Publish_SameVersionTwice_ConflictVersionsAreImmutable()
    {
        var admin = await AdminWithTemplateAsync();
        await admin.PublishTemplateVersionAsync("word-c", Version("1.0.0"));
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => admin.PublishTemplateVersionAsync("word-c", Version("1.0.0")));
        Assert.Equal(HttpStatusCode.Conflict, error.Status);
    }

    public static TheoryData<string, Dictionary<string, string>?, string?, string> Invalid => new()
    {
        { "1.0", null, "^[a-z]+$", "version" },
        { "1.0.0", null, "([", "parameters[0].pattern" },
        { "1.0.0", null, "^[0-9]+$", "parameters[0].default" },
        { "1.0.0", new() { ["src/main.c"] = "int x;" }, "^[a-z]+$", "files" },
        { "1.0.0", new() { ["platform.toml"] = "name = \"{{ nope }}\"" }, "^[a-z]+$", "files" },
        { "1.0.0", new() { ["platform.toml"] = "x", ["../escape.c"] = "x" }, "^[a-z]+$", "files" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Publish_InvalidVersion_NamesTheField_StoresNothing(string version, Dictionary<string, string>? files, string? pattern, string field)
    {
        var admin = await AdminWithTemplateAsync();
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => admin.PublishTemplateVersionAsync("word-c", Version(version, files, pattern)));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(field, error.Problem.Errors!.Keys);
        Assert.Empty(await admin.TemplateVersionsAsync("word-c"));
    }
}
