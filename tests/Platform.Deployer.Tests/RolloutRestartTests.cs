using Microsoft.EntityFrameworkCore;
using Platform.Application.Deployments;
using Platform.Contracts.Rollouts;
using Platform.Domain;
using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Strategy;
using Platform.Testing;

namespace Platform.Deployer.Tests;

/// <summary>
/// A Deployer that stops mid-rollout (its run cut off) leaves the rollout where it stood: time passing without a
/// Deployer moves nothing, and a new run continues from what the database says, with a pause counted from its start.
/// The end-to-end test kills a real Deployer process; here the clock is the subject, so it is a fake one.
/// </summary>
[Collection(DeployerCollection.Name)]
public sealed class RolloutRestartTests(DeployerFixture fixture) : IAsyncLifetime
{
    private static readonly Lazy<byte[]> Hello = new(() => WasmBuilder.BuildTestComponent("hello"));
    private readonly Scenario _scenario = new(fixture.Services);
    private static string Key(string version) => $"svc@{version}={Digest.Of(Hello.Value)}";

    public Task InitializeAsync() => fixture.Database.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Rollout> LoadAsync(Guid id) =>
        _scenario.QueryAsync(db => db.Rollouts.Include(r => r.Events).AsNoTracking().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task Run_StoppedDuringAPause_NothingMovesWhileDown_StartedAgainAfterThePauseFinishesAtOnce()
    {
        var strategy = new RolloutStrategyDto
        {
            Steps = [new RolloutStepDto { SetWeight = 50 }, new RolloutStepDto { Pause = new PauseDto { DurationSeconds = 5 } }, new RolloutStepDto { SetWeight = 100 }],
        };
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(strategy));
        await _scenario.NodeAsync("edge-1", [Key("1.0.0"), Key("1.1.0")]);
        using (var stop = new CancellationTokenSource())
        {
            var run = fixture.WatchRolloutAsync(id, stop.Token);
            await fixture.Clock.UntilWaitingAsync(run);
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
        var stopped = await LoadAsync(id);
        Assert.Equal((RolloutPhase.Progressing, 1), (stopped.Phase, stopped.Status.Step));
        Assert.Equal([50], stopped.Status.Weights);

        fixture.Clock.Advance(TimeSpan.FromSeconds(6));
        var whileDown = await LoadAsync(id);
        Assert.Equal((RolloutPhase.Progressing, 1, stopped.RowVersion), (whileDown.Phase, whileDown.Status.Step, whileDown.RowVersion));

        var restartedAt = fixture.Clock.GetUtcNow();
        await fixture.RunRolloutAsync(id);

        // The pause ended while no Deployer ran: the new run's first pass finishes the rollout, without waiting.
        Assert.Equal(restartedAt, fixture.Clock.GetUtcNow());
        var done = await LoadAsync(id);
        Assert.Equal(RolloutPhase.Succeeded, done.Phase);
        Assert.Single(done.Events, e => e.Kind == "succeeded");
        var deployment = await _scenario.QueryAsync(db => db.ServiceDeployments.SingleAsync());
        Assert.Equal((done.TargetVersionId, (Guid?)null), (deployment.StableVersionId, deployment.CanaryVersionId));
    }
}
