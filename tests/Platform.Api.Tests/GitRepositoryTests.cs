using System.Net;
using Platform.Api.Tests.Support;
using Platform.Testing;
using Platform.Contracts.Identity;
using Platform.Contracts.Services;

namespace Platform.Api.Tests;

/// <summary>The service repositories over smart HTTP, with the real git client: who may clone and push, and what a push does.</summary>
public sealed class GitRepositoryTests(ApiFactory api) : ApiTest(api)
{
    private static readonly CreateServiceRequest Hello =
        new("hello-api", "payments", "http-json-c", null, "Says hello", new Dictionary<string, string?> { ["greeting"] = "Hello there" });

    [Fact]
    public async Task Clone_WithToken_GetsRenderedFilesAsFirstCommitByCreator()
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(Hello);
        using var git = new GitCli();

        var (code, output) = await git.CloneAsync(alice.UrlOf(Api, "hello-api"));

        Assert.True(code == 0, output);
        Assert.Contains("#define GREETING \"Hello there\"", git.Read("src/main.c"));
        Assert.Equal("Alice Developer|Created from template http-json-c 1.0.0", (await git.RunOkAsync("log", "--format=%an|%s")).Trim());
        var repository = await alice.Client.RepositoryAsync("hello-api");
        var head = (await git.RunOkAsync("rev-parse", "HEAD")).Trim();
        Assert.Equal(head, repository.MainCommit);
        Assert.Equal(head, Assert.Single(repository.Revisions).CommitSha);
        Assert.Equal(new Uri(Api.ServerAddress, "/git/hello-api.git").ToString(), repository.CloneUrl);
    }

    [Fact]
    public async Task Clone_WithoutToken_401WithBasicChallenge()
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(Hello);
        using var http = new HttpClient { BaseAddress = Api.ServerAddress };

        using var response = await http.GetAsync("/git/hello-api.git/info/refs?service=git-upload-pack");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"Platform\"", response.Headers.WwwAuthenticate.ToString());
        using var git = new GitCli();
        var (code, output) = await git.CloneAsync(new Uri(Api.ServerAddress, "/git/hello-api.git").ToString());
        Assert.NotEqual(0, code);
        Assert.False(Directory.Exists(Path.Combine(git.WorkTree, "src")), output);
    }

    [Fact]
    public async Task Push_NotOwningTeam_403_NothingRecorded()
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(Hello);
        var bob = await GitAccess.SignInAsync(Api, "bob");
        using var git = new GitCli();
        Assert.Equal(0, (await git.CloneAsync(bob.UrlOf(Api, "hello-api"))).ExitCode);
        await git.CommitAsync("README.md", "bob was here\n", "Bob's change");

        var (code, output) = await git.RunAsync("push", "origin", "main");

        Assert.NotEqual(0, code);
        Assert.Contains("403", output);
        Assert.Single((await alice.Client.RepositoryAsync("hello-api")).Revisions);
    }

    [Fact]
    public async Task Push_ReadOnlyToken_403()
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(Hello);
        var readOnly = await alice.Client.CreateTokenAsync(new CreateTokenRequest("read-only", ["read"], 1));
        using var git = new GitCli();
        Assert.Equal(0, (await git.CloneAsync((alice with { Token = readOnly.Secret }).UrlOf(Api, "hello-api"))).ExitCode);
        await git.CommitAsync("README.md", "changed\n", "Change");

        var (code, output) = await git.RunAsync("push", "origin", "main");

        Assert.NotEqual(0, code);
        Assert.Contains("403", output);
    }

    [Fact]
    public async Task Push_OtherBranchOrForce_RefusedByHook_MainUnchanged()
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(Hello);
        using var git = new GitCli();
        Assert.Equal(0, (await git.CloneAsync(alice.UrlOf(Api, "hello-api"))).ExitCode);
        var first = (await git.RunOkAsync("rev-parse", "HEAD")).Trim();
        await git.CommitAsync("README.md", "feature\n", "Feature work");

        var (branchCode, branchOutput) = await git.RunAsync("push", "origin", "HEAD:refs/heads/feature");
        await git.RunOkAsync("reset", "--quiet", "--hard", first);
        await git.RunOkAsync("commit", "--amend", "--quiet", "-m", "Rewritten history");
        var (forceCode, forceOutput) = await git.RunAsync("push", "--force", "origin", "HEAD:main");

        Assert.NotEqual(0, branchCode);
        Assert.Contains("only the main branch can be pushed", branchOutput);
        Assert.NotEqual(0, forceCode);
        Assert.Contains("force pushes to main are refused", forceOutput);
        var repository = await alice.Client.RepositoryAsync("hello-api");
        Assert.Equal(first, repository.MainCommit);
        Assert.Single(repository.Revisions);
        var refused = (await (await Api.SignInAsync("admin")).AuditAsync("service/hello-api")).Where(e => e.Action == "repository.push-refused").ToList();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, e => Assert.Equal(("user:alice", first), (e.Actor, e.Details["main"])));
    }

    [Fact]
    public async Task Push_Main_RecordsRevisionQueuesNextPatchBuild_AndAudits()
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        var created = await alice.Client.CreateServiceAsync(Hello);
        using var git = new GitCli();
        Assert.Equal(0, (await git.CloneAsync(alice.UrlOf(Api, "hello-api"))).ExitCode);
        var first = (await git.RunOkAsync("rev-parse", "HEAD")).Trim();
        var main = git.Read("src/main.c").Replace("Hello there", "Hello pushed", StringComparison.Ordinal);
        var commit = await git.CommitAsync("src/main.c", main, "Greet differently");

        var (code, output) = await git.RunAsync("push", "origin", "main");

        Assert.True(code == 0, output);
        var source = await alice.Client.SourceAsync("hello-api");
        Assert.Equal((2, "Greet differently", "Test Developer"), (source.Number, source.Message, source.Author));
        Assert.Contains("Hello pushed", Assert.Single(source.Files, f => f.Path == "src/main.c").Content);
        Assert.Equal(commit, source.CommitSha);
        Assert.Equal(commit, (await alice.Client.RepositoryAsync("hello-api")).Revisions[0].CommitSha);
        var builds = await alice.Client.BuildsAsync("hello-api");
        var build = Assert.Single(builds, b => b.Id != created.Build!.Id);
        Assert.Equal(("0.1.1", "queued"), (build.Version, build.Status));
        var push = Assert.Single(await (await Api.SignInAsync("admin")).AuditAsync("service/hello-api"), e => e.Action == "repository.push");
        Assert.Equal("user:alice", push.Actor);
        Assert.Equal((first, commit), (push.Details["old"], push.Details["new"]));
    }

    [Fact]
    public async Task Push_FileOverLimit_RefusedByHook()
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(Hello);
        using var git = new GitCli();
        Assert.Equal(0, (await git.CloneAsync(alice.UrlOf(Api, "hello-api"))).ExitCode);
        await git.CommitAsync("data/big.txt", new string('x', Platform.Domain.Services.SourceLimits.MaxFileBytes + 1), "Add a big file");

        var (code, output) = await git.RunAsync("push", "origin", "main");

        Assert.NotEqual(0, code);
        Assert.Contains("files larger than 1048576 bytes: data/big.txt", output);
        Assert.Single((await alice.Client.RepositoryAsync("hello-api")).Revisions);
    }

    [Fact]
    public async Task Push_BinaryFile_KeptInGitLeftOutOfRevision_Audited()
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(Hello);
        using var git = new GitCli();
        Assert.Equal(0, (await git.CloneAsync(alice.UrlOf(Api, "hello-api"))).ExitCode);
        await File.WriteAllBytesAsync(Path.Combine(git.WorkTree, "logo.png"), [0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]);
        await git.CommitAsync("NOTES.md", "notes\n", "Logo and notes");

        await git.RunOkAsync("push", "origin", "main");

        var source = await alice.Client.SourceAsync("hello-api");
        Assert.Equal(2, source.Number);
        Assert.Contains(source.Files, f => f.Path == "NOTES.md");
        Assert.DoesNotContain(source.Files, f => f.Path == "logo.png");
        var push = Assert.Single(await (await Api.SignInAsync("admin")).AuditAsync("service/hello-api"), e => e.Action == "repository.push");
        Assert.Equal("logo.png", push.Details["skipped"]);
    }

    [Fact]
    public async Task Push_StaleRefLockFromAKilledGit_RemovedAndPushAccepted()
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(Hello);
        var staleLock = Path.Combine(Api.RepositoriesPath, "hello-api.git", "refs", "heads", "main.lock");
        await File.WriteAllTextAsync(staleLock, "");
        File.SetLastWriteTimeUtc(staleLock, DateTime.UtcNow.AddHours(-1));
        using var git = new GitCli();
        Assert.Equal(0, (await git.CloneAsync(alice.UrlOf(Api, "hello-api"))).ExitCode);
        var commit = await git.CommitAsync("NOTES.md", "after a crash\n", "Notes");

        await git.RunOkAsync("push", "origin", "main");

        Assert.False(File.Exists(staleLock));
        Assert.Equal(commit, (await alice.Client.RepositoryAsync("hello-api")).MainCommit);
    }
}
