using Microsoft.EntityFrameworkCore;
using Platform.Application.Deployments;
using Platform.Contracts.Rollouts;
using Platform.Domain;
using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Strategy;
using Platform.Testing;

namespace Platform.Deployer.Tests;

/// <summary>What the rollout job writes for the baseline copy of stable: beside an analysed canary while it takes traffic, gone when the rollout ends.</summary>
[Collection(DeployerCollection.Name)]
public sealed class BaselinePlacementJobTests(DeployerFixture fixture) : IAsyncLifetime
{
    private static readonly Lazy<byte[]> Hello = new(() => WasmBuilder.BuildTestComponent("hello"));
    private static readonly Dictionary<string, string> AnyNode = new() { ["region"] = "local" };
    private readonly Scenario _scenario = new(fixture.Services);
    private static string Key(string version) => $"svc@{version}={Digest.Of(Hello.Value)}";

    public Task InitializeAsync() => fixture.Database.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Guid> PausedAtTwentyAsync(bool analysed)
    {
        List<RolloutStepDto> steps = [new() { SetWeight = 20 }, new() { Pause = new PauseDto() }];
        if (analysed) steps.Add(new() { Analysis = new AnalysisSpecDto { DurationSeconds = 60 } });
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(new RolloutStrategyDto { Steps = steps }));
        await _scenario.NodeAsync("edge-1", [Key("1.0.0"), Key("1.1.0")]);
        await fixture.RunRolloutAsync(id);
        return id;
    }

    [Fact]
    public async Task Run_AnalysedCanaryThenAborted_BaselineBesideItUntilTheAbort()
    {
        var id = await PausedAtTwentyAsync(analysed: true);
        var paused = await _scenario.QueryAsync(db => db.ServiceDeployments.AsNoTracking().SingleAsync());

        await _scenario.ActAsync(id, (r, now) => r.RequestAbort("alice", "bad smell", now));
        await fixture.RunRolloutAsync(id);
        var aborted = await _scenario.QueryAsync(db => db.ServiceDeployments.AsNoTracking().SingleAsync());

        Assert.Equal(new TrafficSplit(60, 20, 20), paused.SplitOn(AnyNode));
        Assert.Equal(TrafficSplit.StableOnly, aborted.SplitOn(AnyNode));
        Assert.Equal(RolloutPhase.Aborted, (await _scenario.QueryAsync(db => db.Rollouts.SingleAsync(r => r.Id == id))).Phase);
    }

    [Fact]
    public async Task Run_CanaryWithoutAnalysis_NoBaseline()
    {
        await PausedAtTwentyAsync(analysed: false);

        var paused = await _scenario.QueryAsync(db => db.ServiceDeployments.AsNoTracking().SingleAsync());

        Assert.Equal(new TrafficSplit(80, 20, 0), paused.SplitOn(AnyNode));
    }
}
