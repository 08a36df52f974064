using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Tests.Support;
using Platform.Testing;
using Platform.Contracts.Services;
using Platform.Data;

namespace Platform.Api.Tests;

/// <summary>Commits git accepted that the API did not record, and services without a repository, are caught up by the reconciler.</summary>
public sealed class GitReconciliationTests(ApiFactory api) : ApiTest(api)
{
    private static readonly CreateServiceRequest Hello =
        new("hello-api", "payments", "http-json-c", null, "Says hello", new Dictionary<string, string?> { ["greeting"] = "Hello there" });

    [Fact]
    public async Task Reconcile_CommitAcceptedButNotRecorded_RecordedExactlyOnce()
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(Hello);
        using var git = new GitCli();
        Assert.Equal(0, (await git.CloneAsync(alice.UrlOf(Api, "hello-api"))).ExitCode);
        var commit = await git.CommitAsync("NOTES.md", "accepted while the API was down\n", "Pushed during an outage");
        // Straight into the bare repository, as if the API had died after git accepted the push.
        await git.RunOkAsync("push", Path.Combine(Api.RepositoriesPath, "hello-api.git"), "main");

        var first = await ReconcileAsync();
        var second = await ReconcileAsync();

        Assert.Equal((1, 0), (first, second));
        var repository = await alice.Client.RepositoryAsync("hello-api");
        Assert.Equal([commit], repository.Revisions.Where(r => r.Number == 2).Select(r => r.CommitSha));
        Assert.Equal(2, repository.Revisions.Count);
        Assert.Contains(await alice.Client.BuildsAsync("hello-api"), b => b.Version == "0.1.1");
        var push = Assert.Single(await (await Api.SignInAsync("admin")).AuditAsync("service/hello-api"), e => e.Action == "repository.push");
        Assert.Equal(("system:git-reconciler", "true", commit), (push.Actor, push.Details["recovered"], push.Details["new"]));
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(1, await db.SourceRevisions.CountAsync(r => r.CommitSha == commit));
    }

    [Fact]
    public async Task Reconcile_ServiceWithoutRepository_GetsOneHoldingItsNewestRevision()
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(Hello);
        // As for a service created before the platform hosted repositories.
        Directory.Delete(Path.Combine(Api.RepositoriesPath, "hello-api.git"), recursive: true);
        using (var scope = Api.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await db.SourceRevisions.ExecuteUpdateAsync(s => s.SetProperty(r => r.CommitSha, (string?)null));
        }
        Assert.Null((await alice.Client.RepositoryAsync("hello-api")).CloneUrl);

        Assert.Equal(1, await ReconcileAsync());

        using var git = new GitCli();
        Assert.Equal(0, (await git.CloneAsync(alice.UrlOf(Api, "hello-api"))).ExitCode);
        Assert.Contains("Hello there", git.Read("src/main.c"));
        var repository = await alice.Client.RepositoryAsync("hello-api");
        Assert.Equal((await git.RunOkAsync("rev-parse", "HEAD")).Trim(), Assert.Single(repository.Revisions).CommitSha);
        Assert.Single(await alice.Client.BuildsAsync("hello-api"));
        Assert.Equal(0, await ReconcileAsync());
    }

    private async Task<int> ReconcileAsync()
    {
        using var scope = Api.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Platform.Application.Sources.SourceReconciliation>().RunAsync(CancellationToken.None);
    }
}
