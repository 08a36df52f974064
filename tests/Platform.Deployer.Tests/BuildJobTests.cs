using Microsoft.EntityFrameworkCore;
using Platform.Domain.Builds;
using Platform.Domain.Deployments;

namespace Platform.Deployer.Tests;

[Collection(DeployerCollection.Name)]
public sealed class BuildJobTests(DeployerFixture fixture) : IAsyncLifetime
{
    private readonly Scenario _scenario = new(fixture.Services);

    public Task InitializeAsync() => fixture.Database.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Run_TemplateSource_PublishesFirstVersionWithLineageAndRequestsRollout()
    {
        var (service, buildId) = await _scenario.ServiceWithQueuedBuildAsync("hello-api");
        await fixture.RunBuildAsync(buildId);

        var build = await _scenario.QueryAsync(db => db.Builds.SingleAsync(b => b.Id == buildId));
        Assert.Equal(BuildStatus.Succeeded, build.Status);
        Assert.Contains("Published hello-api 0.1.0", build.Log);
        var version = await _scenario.QueryAsync(db => db.ComponentVersions.SingleAsync(v => v.ServiceId == service.Id));
        Assert.Equal(("0.1.0", buildId, service.TemplateVersionId), (version.Version, version.BuildId, version.TemplateVersionId));
        Assert.Contains("platform:edge/handler@0.3.0", version.Exports);
        var rollout = await _scenario.QueryAsync(db => db.Rollouts.SingleAsync(r => r.ServiceId == service.Id));
        Assert.Equal((RolloutPhase.Pending, version.Id), (rollout.Phase, rollout.TargetVersionId));
    }

    [Fact]
    public async Task Run_CompileError_FailsWithCompilerMessage_PublishesNothing()
    {
        var (service, buildId) = await _scenario.ServiceWithQueuedBuildAsync("broken-api",
            files => files["src/main.c"] += "\nint broken( { return 0; }\n");
        await fixture.RunBuildAsync(buildId);

        var build = await _scenario.QueryAsync(db => db.Builds.SingleAsync(b => b.Id == buildId));
        Assert.Equal(BuildStatus.Failed, build.Status);
        Assert.Contains("error:", build.Log);
        Assert.Contains("main.c", build.Log);
        Assert.Equal(0, await _scenario.QueryAsync(db => db.ComponentVersions.CountAsync(v => v.ServiceId == service.Id)));
        Assert.Equal(0, await _scenario.QueryAsync(db => db.Rollouts.CountAsync()));
    }

    [Fact]
    public async Task Run_DeliveredTwice_SecondDeliveryChangesNothing()
    {
        var (service, buildId) = await _scenario.ServiceWithQueuedBuildAsync("twice-api");
        await fixture.RunBuildAsync(buildId);
        var first = await _scenario.QueryAsync(db => db.Builds.AsNoTracking().SingleAsync(b => b.Id == buildId));
        await fixture.RunBuildAsync(buildId);

        var second = await _scenario.QueryAsync(db => db.Builds.AsNoTracking().SingleAsync(b => b.Id == buildId));
        Assert.Equal((first.Status, first.FinishedAt, first.Attempt), (second.Status, second.FinishedAt, second.Attempt));
        Assert.Equal(1, await _scenario.QueryAsync(db => db.ComponentVersions.CountAsync(v => v.ServiceId == service.Id)));
        Assert.Equal(1, await _scenario.QueryAsync(db => db.Rollouts.CountAsync()));
    }

    [Fact]
    public async Task Run_AfterCrashMidBuild_StartsAgainAndSucceeds()
    {
        var (_, buildId) = await _scenario.ServiceWithQueuedBuildAsync("crash-api");
        await _scenario.QueryAsync(async db =>
        {
            var build = await db.Builds.SingleAsync(b => b.Id == buildId);
            build.Start(DateTimeOffset.UtcNow); // a Deployer died here
            build.Log += "half a log\n";
            return await db.SaveChangesAsync();
        });

        await fixture.RunBuildAsync(buildId);

        var resumed = await _scenario.QueryAsync(db => db.Builds.SingleAsync(b => b.Id == buildId));
        Assert.Equal((BuildStatus.Succeeded, 2), (resumed.Status, resumed.Attempt));
        Assert.DoesNotContain("half a log", resumed.Log);
        Assert.Contains("attempt 2", resumed.Log);
    }
}
