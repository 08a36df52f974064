using System.Net;
using Platform.Api.Tests.Support;
using Platform.Testing;
using Platform.Client;
using Platform.Contracts.Services;
using Platform.Contracts.Templates;

namespace Platform.Api.Tests;

/// <summary>Lineage: a newer vetted template version shown as a diff and applied as a commit on main.</summary>
public sealed class TemplateUpdateTests(ApiFactory api) : ApiTest(api)
{
    private const string Readme = "# {{ service_name }}\n\nOwned by {{ team }}.\n\nRun it.\nTest it.\nShip it.\n";
    private const string Main = "#include \"../platform/platform_edge.h\"\nvoid platform_handle(const pe_request *q, pe_response *r) { (void)q; pe_response_set_body_str(r, \"{{ word }}\"); }\n";

    private static PublishTemplateVersionRequest Version(string version, Dictionary<string, string> files) =>
        new(version, "c-component", "component",
            [new TemplateParameterDto("word", "Word", "string", true, "^[a-z]+$", null, [], "hello", null, 20)], files);

    private static readonly Dictionary<string, string> V1 = new()
    {
        ["platform.toml"] = "name = \"{{ service_name }}\"\n",
        ["src/main.c"] = Main,
        ["README.md"] = Readme,
        ["OLD.md"] = "Replaced by the runbook.\n",
    };

    private static readonly Dictionary<string, string> V2 = new()
    {
        ["platform.toml"] = "name = \"{{ service_name }}\"\n",
        ["src/main.c"] = Main,
        ["README.md"] = Readme.Replace("Ship it.\n", "Ship it through the platform.\n", StringComparison.Ordinal),
        [".platform/ci.yaml"] = "service: {{ service_name }}\n",
    };

    private async Task<GitAccess> ServiceFromVersionOneAsync()
    {
        var admin = await Api.SignInAsync("admin");
        await admin.CreateTemplateAsync(new CreateTemplateRequest("word-c", "Word in C", "Says a word.", "platform", "c"));
        await admin.PublishTemplateVersionAsync("word-c", Version("1.0.0", V1));
        await admin.VetTemplateVersionAsync("word-c", "1.0.0");
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(new CreateServiceRequest("worder", "payments", "word-c", null, "",
            new Dictionary<string, string?> { ["word"] = "howdy" }));
        await admin.PublishTemplateVersionAsync("word-c", Version("1.1.0", V2));
        await admin.VetTemplateVersionAsync("word-c", "1.1.0");
        await admin.PublishTemplateVersionAsync("word-c", Version("1.2.0", V1)); // a draft: not offered
        return alice;
    }

    private async Task<GitCli> EditAsync(GitAccess who, string before, string after)
    {
        var git = new GitCli();
        Assert.Equal(0, (await git.CloneAsync(who.UrlOf(Api, "worder"))).ExitCode);
        await git.CommitAsync("README.md", git.Read("README.md").Replace(before, after, StringComparison.Ordinal), "Edit the README");
        await git.RunOkAsync("push", "origin", "main");
        return git;
    }

    [Fact]
    public async Task Get_NewerVettedVersion_PerFileDiffRenderedWithServiceParameters()
    {
        var alice = await ServiceFromVersionOneAsync();

        var update = await alice.Client.TemplateUpdateAsync("worder");

        Assert.True(update.UpdateAvailable);
        Assert.Equal(("word-c", "1.0.0", "1.1.0"), (update.Template, update.CurrentVersion, update.AvailableVersion));
        Assert.Equal([(".platform/ci.yaml", "added"), ("OLD.md", "removed"), ("README.md", "modified")], update.Files.Select(f => (f.Path, f.Change)));
        var readme = update.Files.Single(f => f.Path == "README.md").Diff;
        Assert.StartsWith("--- a/README.md\n+++ b/README.md\n@@ ", readme);
        Assert.Contains("\n-Ship it.\n+Ship it through the platform.\n", readme);
        Assert.Contains("+service: worder", update.Files.Single(f => f.Path == ".platform/ci.yaml").Diff);
        Assert.Empty(update.Problems);
    }

    [Fact]
    public async Task Apply_OwnerEditedOtherLines_MergedCommitOnMain_RevisionBuildLineageAudit()
    {
        var alice = await ServiceFromVersionOneAsync();
        using var git = await EditAsync(alice, "Run it.", "Run it locally first.");

        var applied = await alice.Client.ApplyTemplateUpdateAsync("worder", new ApplyTemplateUpdateRequest("1.1.0"));

        Assert.Equal(("1.1.0", 3, "0.1.2"), (applied.TemplateVersion, applied.Revision, applied.Build!.Version));
        await git.RunOkAsync("pull", "--quiet", "origin", "main");
        Assert.Equal(applied.CommitSha, (await git.RunOkAsync("rev-parse", "HEAD")).Trim());
        var readme = git.Read("README.md");
        Assert.Contains("Run it locally first.\n", readme);
        Assert.Contains("Ship it through the platform.\n", readme);
        Assert.False(File.Exists(Path.Combine(git.WorkTree, "OLD.md")));
        Assert.Equal("service: worder\n", git.Read(".platform/ci.yaml"));
        var source = await alice.Client.SourceAsync("worder");
        Assert.Equal((3, "Update template word-c 1.0.0 → 1.1.0"), (source.Number, source.Message));
        Assert.Equal("1.1.0", (await alice.Client.ServiceAsync("worder")).TemplateVersion);
        Assert.False((await alice.Client.TemplateUpdateAsync("worder")).UpdateAvailable);
        var audit = Assert.Single(await (await Api.SignInAsync("admin")).AuditAsync("service/worder"), e => e.Action == "service.template-update");
        Assert.Equal(("word-c@1.0.0", "word-c@1.1.0", applied.CommitSha), (audit.Details["from"], audit.Details["to"], audit.Details["commit"]));
    }

    [Fact]
    public async Task Apply_SameLinesEditedInRepository_409NamingFiles_NothingChanged()
    {
        var alice = await ServiceFromVersionOneAsync();
        using var git = await EditAsync(alice, "Ship it.", "Ship it on Fridays.");
        var before = await alice.Client.RepositoryAsync("worder");

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.Client.ApplyTemplateUpdateAsync("worder", new ApplyTemplateUpdateRequest("1.1.0")));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Contains("README.md", error.Problem.Detail);
        var after = await alice.Client.RepositoryAsync("worder");
        Assert.Equal((before.MainCommit, before.Revisions.Count), (after.MainCommit, after.Revisions.Count));
        Assert.Equal("1.0.0", (await alice.Client.ServiceAsync("worder")).TemplateVersion);
    }

    [Fact]
    public async Task Apply_NotOwningTeamOrStaleVersion_RefusedNothingChanged()
    {
        var alice = await ServiceFromVersionOneAsync();
        var bob = await Api.SignInAsync("bob");

        var forbidden = await Assert.ThrowsAsync<PlatformApiException>(() => bob.ApplyTemplateUpdateAsync("worder", new ApplyTemplateUpdateRequest("1.1.0")));
        var stale = await Assert.ThrowsAsync<PlatformApiException>(() => alice.Client.ApplyTemplateUpdateAsync("worder", new ApplyTemplateUpdateRequest("1.0.5")));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Equal(HttpStatusCode.BadRequest, stale.Status);
        Assert.Contains("version", stale.Problem.Errors!.Keys);
        Assert.Single((await alice.Client.RepositoryAsync("worder")).Revisions);
    }
}
