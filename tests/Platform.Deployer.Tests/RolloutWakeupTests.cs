using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Platform.Application.Deployments;
using Platform.Contracts.Rollouts;
using Platform.Deployer.Rollouts;
using Platform.Domain;
using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Strategy;
using Platform.Testing;

namespace Platform.Deployer.Tests;

/// <summary>
/// A rollout run sleeps until its step's wake-up instead of polling, and wakes at once when something is asked of the
/// rollout (the run enqueued for the request nudges it through PostgreSQL) or a node serving the service reports.
/// </summary>
[Collection(DeployerCollection.Name)]
public sealed class RolloutWakeupTests(DeployerFixture fixture) : IAsyncLifetime
{
    private static readonly Lazy<byte[]> Hello = new(() => WasmBuilder.BuildTestComponent("hello"));
    private readonly Scenario _scenario = new(fixture.Services);
    private static string Key(string version) => $"svc@{version}={Digest.Of(Hello.Value)}";

    public Task InitializeAsync() => fixture.Database.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Guid> PausedRolloutAsync(int pauseSeconds)
    {
        var strategy = new RolloutStrategyDto
        {
            Steps = [new RolloutStepDto { SetWeight = 20 }, new RolloutStepDto { Pause = new PauseDto { DurationSeconds = pauseSeconds } }, new RolloutStepDto { SetWeight = 100 }],
        };
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(strategy));
        await _scenario.NodeAsync("edge-1", [Key("1.0.0"), Key("1.1.0")]);
        return id;
    }

    private Task<Rollout> LoadAsync(Guid id) =>
        _scenario.QueryAsync(db => db.Rollouts.Include(r => r.Events).AsNoTracking().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task Run_TimedPause_SleepsUntilItsEndOrANodeCouldFallSilent_NotEveryPollInterval()
    {
        var id = await PausedRolloutAsync(pauseSeconds: 30);
        var passes = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RolloutTrace.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { if (Equals(activity.GetTagItem("platform.rollout.id"), id.ToString())) passes.Enqueue(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        var started = fixture.Clock.GetUtcNow();

        // The node heartbeats about every second, as a real one does.
        await fixture.RunRolloutAsync(id, whileWaiting: () => _scenario.SetOnlineAsync("edge-1", online: true));

        Assert.Equal(RolloutPhase.Succeeded, (await LoadAsync(id)).Phase);
        Assert.InRange(fixture.Clock.GetUtcNow() - started, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31));
        // Looking every poll interval would be 600 passes; it looks at the start, whenever the node could have fallen
        // silent (every heartbeat timeout, 10 s) and at the pause's end.
        Assert.InRange(passes.Count, 3, 8);
    }

    [Fact]
    public async Task Run_AsleepInAPause_APromoteWakesItWithoutTheClockMoving()
    {
        var id = await PausedRolloutAsync(pauseSeconds: 600);
        var asleep = fixture.WatchRolloutAsync(id, CancellationToken.None);
        await fixture.Clock.UntilWaitingAsync(asleep);
        var before = fixture.Clock.GetUtcNow();

        // As the API does: write the intent, then enqueue a run (which finds the lock held and nudges the sleeping run).
        await _scenario.ActAsync(id, (r, now) => r.RequestPromote("alice", now));
        var enqueued = fixture.WatchRolloutAsync(id, CancellationToken.None);
        await Poll.UntilAsync(() => asleep.IsCompleted, TimeSpan.FromSeconds(10), "The sleeping run's wake-up");

        await asleep;
        Assert.Equal(before, fixture.Clock.GetUtcNow());
        var rollout = await LoadAsync(id);
        Assert.Equal(RolloutPhase.Succeeded, rollout.Phase);
        Assert.Contains(rollout.Events, e => e.Kind == "promoted");
        await fixture.AdvanceUntilAsync(enqueued);
        await enqueued;
    }

    [Fact]
    public async Task Run_WatchingAnAnalysisWindow_AHeartbeatWakesItWithoutTheClockMoving()
    {
        var strategy = new RolloutStrategyDto
        {
            Steps =
            [
                new RolloutStepDto { SetWeight = 50 },
                new RolloutStepDto { Analysis = new AnalysisSpecDto { DurationSeconds = 600, MinRequests = 100, MinLatencySamples = 50 } },
                new RolloutStepDto { SetWeight = 100 },
            ],
        };
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(strategy));
        await _scenario.NodeAsync("edge-1", [Key("1.0.0"), Key("1.1.0")]);
        var asleep = fixture.WatchRolloutAsync(id, CancellationToken.None);
        await fixture.Clock.UntilWaitingAsync(asleep);
        var before = fixture.Clock.GetUtcNow();
        var analysing = await LoadAsync(id);

        // One heartbeat through the simulated API: the canary failed every request it got.
        var traffic = new TrafficSimulator(fixture.Services, "svc", ["edge-1"]);
        traffic.Profiles["1.0.0"] = (100, 0, 300);
        traffic.Profiles["1.1.0"] = (100, 1.0, 300);
        await traffic.TickAsync();
        await Poll.UntilAsync(() => asleep.IsCompleted, TimeSpan.FromSeconds(10), "The watching run's wake-up");

        await asleep;
        Assert.Equal(RolloutPhase.Progressing, analysing.Phase);
        Assert.Equal(before, fixture.Clock.GetUtcNow());
        var rollout = await LoadAsync(id);
        Assert.Equal(RolloutPhase.Failed, rollout.Phase);
        Assert.Contains("error", rollout.Message, StringComparison.OrdinalIgnoreCase);
    }
}
