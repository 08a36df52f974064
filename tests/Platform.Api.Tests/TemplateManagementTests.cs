using System.Net;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Templates;

namespace Platform.Api.Tests;

/// <summary>What the portal's template management reads: the templates one manages, one template, a version's files.</summary>
public sealed class TemplateManagementTests(ApiFactory api) : ApiTest(api)
{
    private static readonly PublishTemplateVersionRequest FirstVersion = new("1.0.0", "c-component", "component",
        [new TemplateParameterDto("word", "Word", "string", true, "^[a-z]+$", null, [], "hello", null, 20)],
        new Dictionary<string, string>
        {
            ["platform.toml"] = "name = \"{{ service_name }}\"\n",
            ["src/main.c"] = "#include \"../platform/platform_edge.h\"\nvoid platform_handle(const pe_request *q, pe_response *r) { (void)q; pe_response_set_body_str(r, \"{{ word }}\"); }\n",
        });

    /// <summary>Template "word-c" owned by team payments (alice's) with a draft 1.0.0.</summary>
    private async Task<PlatformClient> AdminWithDraftAsync()
    {
        var admin = await Api.SignInAsync("admin");
        await admin.CreateTemplateAsync(new CreateTemplateRequest("word-c", "Word in C", "Says a word.", "payments", "c", ["c", "demo"]));
        await admin.PublishTemplateVersionAsync("word-c", FirstVersion);
        return admin;
    }

    [Fact]
    public async Task Managed_ListsDraftOnlyTemplates_ToAdminsAndOwners_NotToOtherTeams()
    {
        var admin = await AdminWithDraftAsync();

        var mine = Assert.Single(await (await Api.SignInAsync("alice")).ManagedTemplatesAsync());
        Assert.Equal(("word-c", "payments", ""), (mine.Name, mine.OwnerTeam, mine.LatestVersion));
        Assert.Equal([("1.0.0", "draft", "c-component")], mine.Versions!.Select(v => (v.Version, v.Status, v.Toolchain)));
        Assert.Contains(await admin.ManagedTemplatesAsync(), t => t.Name == "word-c");
        Assert.Contains(await admin.ManagedTemplatesAsync(), t => t.Name == "http-json-c");
        Assert.Empty(await (await Api.SignInAsync("bob")).ManagedTemplatesAsync());
        Assert.DoesNotContain(await admin.TemplatesAsync(), t => t.Name == "word-c");
    }

    [Fact]
    public async Task Get_Template_OwnersSeeDrafts_DevelopersOnlyOnceVetted()
    {
        var admin = await AdminWithDraftAsync();
        var bob = await Api.SignInAsync("bob");
        var hidden = await Assert.ThrowsAsync<PlatformApiException>(() => bob.TemplateAsync("word-c"));
        Assert.Equal(HttpStatusCode.NotFound, hidden.Status);
        Assert.Equal(["c", "demo"], (await (await Api.SignInAsync("alice")).TemplateAsync("word-c")).Tags);

        await admin.PublishTemplateVersionAsync("word-c", FirstVersion with { Version = "1.1.0" });
        await admin.VetTemplateVersionAsync("word-c", "1.0.0");

        var seen = await bob.TemplateAsync("word-c");
        Assert.Equal("1.0.0", seen.LatestVersion);
        Assert.Equal(["1.0.0"], seen.Versions!.Select(v => v.Version));
        var owned = await admin.TemplateAsync("word-c");
        Assert.Equal(["1.1.0", "1.0.0"], owned.Versions!.Select(v => v.Version));
        var vetted = await admin.TemplateVersionAsync("word-c", "1.0.0");
        Assert.Equal("user:admin", vetted.VettedBy);
        Assert.NotNull(vetted.VettedAt);
    }

    [Fact]
    public async Task Files_ReturnContentsWithPlaceholders_OnlyWhereTheVersionIsVisible()
    {
        var admin = await AdminWithDraftAsync();

        var files = await admin.TemplateFilesAsync("word-c", "1.0.0");

        Assert.Equal(["platform.toml", "src/main.c"], files.Select(f => f.Path));
        Assert.Contains("{{ word }}", files[1].Content);
        var error = await Assert.ThrowsAsync<PlatformApiException>(async () => await (await Api.SignInAsync("bob")).TemplateFilesAsync("word-c", "1.0.0"));
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
    }

    [Fact]
    public async Task Update_ByOwningTeam_ChangesTheCatalogEntryAndAuditsTheFields()
    {
        await AdminWithDraftAsync();
        var alice = await Api.SignInAsync("alice");

        var updated = await alice.UpdateTemplateAsync("word-c", new UpdateTemplateRequest(Title: "Word service in C", Tags: ["c", "Demo", "greeting"]));

        Assert.Equal(("Word service in C", "Says a word.", "payments"), (updated.Title, updated.Description, updated.OwnerTeam));
        Assert.Equal(["c", "demo", "greeting"], (await alice.TemplateAsync("word-c")).Tags);
        var entry = Assert.Single(await (await Api.SignInAsync("admin")).AuditAsync("template/word-c"), e => e.Action == "template.update");
        Assert.Equal(("user:alice", "Word service in C", "c,demo,greeting"), (entry.Actor, entry.Details["title"], entry.Details["tags"]));
        Assert.False(entry.Details.ContainsKey("description"));
    }

    [Fact]
    public async Task Update_OwnerTeam_OnlyAdminsHandItOver()
    {
        var admin = await AdminWithDraftAsync();
        var alice = await Api.SignInAsync("alice");

        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => alice.UpdateTemplateAsync("word-c", new UpdateTemplateRequest(OwnerTeam: "web")));
        var bob = await Api.SignInAsync("bob");
        var otherTeam = await Assert.ThrowsAsync<PlatformApiException>(() => bob.UpdateTemplateAsync("word-c", new UpdateTemplateRequest(Title: "Mine now")));
        var handedOver = await admin.UpdateTemplateAsync("word-c", new UpdateTemplateRequest(OwnerTeam: "web"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(HttpStatusCode.Forbidden, otherTeam.Status);
        Assert.Equal("web", handedOver.OwnerTeam);
        Assert.Single(await bob.ManagedTemplatesAsync());
        Assert.Empty(await alice.ManagedTemplatesAsync());
    }

    [Theory]
    [InlineData(" ", null, null, "title")]
    [InlineData(null, "Bad Tag!", null, "tags")]
    [InlineData(null, null, "no-such-team", "ownerTeam")]
    public async Task Update_Invalid_NamesTheFieldChangesNothing(string? title, string? tag, string? team, string field)
    {
        var admin = await AdminWithDraftAsync();

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => admin.UpdateTemplateAsync("word-c",
            new UpdateTemplateRequest(Title: title, Description: "changed", Tags: tag is null ? null : [tag], OwnerTeam: team)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(field, error.Problem.Errors!.Keys);
        var unchanged = await admin.TemplateAsync("word-c");
        Assert.Equal(("Word in C", "Says a word.", "payments"), (unchanged.Title, unchanged.Description, unchanged.OwnerTeam));
    }
}
