using Platform.Api.Tests.Support;
using Platform.Contracts.Services;
using Platform.Domain.Services;
using Platform.Testing;

namespace Platform.Api.Tests;

/// <summary>
/// Pushes a hostile tenant could try, with the real git client: paths a toolchain could misread, a big file hidden
/// in a commit that is not the tip, malformed objects. Each is refused naming what was wrong, main stays where it
/// was, the refusal is audited, and a clean push afterwards is accepted.
/// </summary>
public sealed class HostilePushTests(ApiFactory api) : ApiTest(api)
{
    private static readonly CreateServiceRequest Hello =
        new("hello-api", "payments", "http-json-c", null, "Says hello", new Dictionary<string, string?> { ["greeting"] = "Hello there" });

    [Theory]
    [InlineData("-rf.c", "\"-rf.c\"")]
    [InlineData("src/-o/main.c", "\"src/-o/main.c\"")]
    [InlineData("back\\slash.c", "\"back\\\\slash.c\"")]
    [InlineData("esc\u001b[31m.c", "\"esc\\033[31m.c\"")]
    [InlineData("new\nline.c", "\"new\\nline.c\"")]
    public async Task Push_OddPath_RefusedNamingItEscaped_MainUnchanged(string path, string named)
    {
        var (alice, git, first) = await CloneAsync();
        await git.CommitAsync(path, "int odd;\n", "Odd name");

        var (code, output) = await git.RunAsync("push", "origin", "main");

        Assert.NotEqual(0, code);
        Assert.Contains("Platform: the push was refused: commit ", output);
        Assert.Contains($"a segment starting with \"-\" (a toolchain could read them as options): {named}", output);
        Assert.DoesNotContain('\u001b', output);
        await AssertRefusedThenCleanPushAcceptedAsync(alice, git, first);
    }

    [Fact]
    public async Task Push_DotDotSegment_RefusedByHookNamingPath()
    {
        var (alice, git, first) = await CloneAsync();
        var blob = await git.PipeOkAsync("int evil;\n", "hash-object", "-w", "--stdin");
        var inner = await git.PipeOkAsync($"100644 blob {blob}\tb.c\n", "mktree");
        var dotdot = await git.PipeOkAsync($"040000 tree {inner}\t..\n", "mktree");
        var top = await git.PipeOkAsync((await git.RunOkAsync("ls-tree", "HEAD")) + $"040000 tree {dotdot}\ta\n", "mktree");
        var commit = await git.PipeOkAsync("", "commit-tree", top, "-p", first, "-m", "Escape the checkout");

        var (code, output) = await git.RunAsync("push", "origin", $"{commit}:refs/heads/main");

        Assert.NotEqual(0, code);
        Assert.Contains("(a toolchain could read them as options): \"a/../b.c\"", output);
        await AssertRefusedThenCleanPushAcceptedAsync(alice, git, first);
    }

    [Fact]
    public async Task Push_BigFileInACommitBeforeTheTip_Refused()
    {
        var (alice, git, first) = await CloneAsync();
        var big = await git.CommitAsync("data/big.txt", new string('x', SourceLimits.MaxFileBytes + 1), "Add a big file");
        await git.RunOkAsync("rm", "--quiet", "data/big.txt");
        await git.RunOkAsync("commit", "--quiet", "-m", "Remove it again");

        var (code, output) = await git.RunAsync("push", "origin", "main");

        Assert.NotEqual(0, code);
        Assert.Contains($"Platform: the push was refused: commit {big[..7]}", output);
        Assert.Contains("files larger than 1048576 bytes: data/big.txt", output);
        await AssertRefusedThenCleanPushAcceptedAsync(alice, git, first);
    }

    [Fact]
    public async Task Push_MalformedCommit_RefusedByFsck_EvenInARepositoryConfiguredBeforeFsck()
    {
        var (alice, git, first) = await CloneAsync();
        var repository = Path.Combine(Api.RepositoriesPath, "hello-api.git");
        await RunGitAsync(repository, "config", "--unset", "receive.fsckObjects"); // as repositories made before this setting
        var tree = (await git.RunOkAsync("rev-parse", "HEAD^{tree}")).Trim();
        var malformed = await git.PipeOkAsync(
            $"tree {tree}\nparent {first}\nauthor Eve <eve@example.com> yesterday +0000\ncommitter Eve <eve@example.com> yesterday +0000\n\nBad date\n",
            "hash-object", "-t", "commit", "--literally", "-w", "--stdin");

        var (code, output) = await git.RunAsync("push", "origin", $"{malformed}:refs/heads/main");

        Assert.NotEqual(0, code);
        Assert.Contains("badDate", output);
        Assert.Equal("true", (await RunGitAsync(repository, "config", "receive.fsckObjects")).Trim());
        await AssertRefusedThenCleanPushAcceptedAsync(alice, git, first);
    }

    private async Task<(GitAccess Alice, GitCli Git, string First)> CloneAsync()
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(Hello);
        var git = new GitCli();
        Assert.Equal(0, (await git.CloneAsync(alice.UrlOf(Api, "hello-api"))).ExitCode);
        return (alice, git, (await git.RunOkAsync("rev-parse", "HEAD")).Trim());
    }

    private async Task AssertRefusedThenCleanPushAcceptedAsync(GitAccess alice, GitCli git, string first)
    {
        using (git)
        {
            var repository = await alice.Client.RepositoryAsync("hello-api");
            Assert.Equal(first, repository.MainCommit);
            Assert.Single(repository.Revisions);
            var refused = Assert.Single(await (await Api.SignInAsync("admin")).AuditAsync("service/hello-api"), e => e.Action == "repository.push-refused");
            Assert.Equal(("user:alice", first), (refused.Actor, refused.Details["main"]));

            await git.RunOkAsync("reset", "--quiet", "--hard", first);
            await git.RunOkAsync("clean", "--quiet", "-fdx");
            var clean = await git.CommitAsync("src/extra.c", "int extra;\n", "A clean change");
            await git.RunOkAsync("push", "origin", "main");
            Assert.Equal(clean, (await alice.Client.RepositoryAsync("hello-api")).MainCommit);
        }
    }

    private static async Task<string> RunGitAsync(string repository, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-C", repository }.Concat(arguments)) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
