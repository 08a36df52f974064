using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    private static string Key(string version, string service = "svc") => $"{service}@{version}={Digest.Of(Hello.Value)}";

    public Task InitializeAsync() => fixture.Database.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static RolloutStrategyDto Paused(int pauseSeconds) => new()
    {
        Steps = [new RolloutStepDto { SetWeight = 20 }, new RolloutStepDto { Pause = new PauseDto { DurationSeconds = pauseSeconds } }, new RolloutStepDto { SetWeight = 100 }],
    };

    private async Task<Guid> PausedRolloutAsync(int pauseSeconds)
    {
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(Paused(pauseSeconds)));
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
        await fixture.RunRolloutAsync(id, whileWaiting: () => _scenario.SetOnlineAsync("edge-1", online: true), heartbeatEvery: TimeSpan.FromSeconds(1));

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
    public async Task Run_WatchingAnAnalysisWindow_AHeartbeatWakesItWithoutTheClockMoving_APausedOneSleepsOn()
    {
        var analysing = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(Analysed(600)));
        var paused = await _scenario.PendingRolloutAsync("paused", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(Paused(600)));
        await _scenario.NodeAsync("edge-1", [Key("1.0.0"), Key("1.1.0"), Key("1.0.0", "paused"), Key("1.1.0", "paused")]);
        var passes = new ConcurrentDictionary<string, int>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RolloutTrace.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => passes.AddOrUpdate((string)activity.GetTagItem("platform.rollout.id")!, 1, (_, n) => n + 1),
        };
        ActivitySource.AddActivityListener(listener);
        var wakeups = fixture.Services.GetRequiredService<RolloutWakeups>();
        using var stop = new CancellationTokenSource();
        var pausing = fixture.WatchRolloutAsync(paused, stop.Token);
        await fixture.Clock.UntilWaitingAsync(pausing);
        var watching = fixture.WatchRolloutAsync(analysing, stop.Token);
        await Poll.UntilAsync(() => passes.GetValueOrDefault(analysing.ToString()) > 0 && wakeups.IsWaiting(analysing), TimeSpan.FromSeconds(10),
            "The analysing run's first pass");
        var before = (fixture.Clock.GetUtcNow(), passes[analysing.ToString()], passes[paused.ToString()], wakeups.Received);

        // A heartbeat, as the API records it: both rollouts are nudged; only the run watching the fleet looks.
        await _scenario.SetOnlineAsync("edge-1", online: true);
        await Poll.UntilAsync(() => wakeups.Received >= before.Received + 2, TimeSpan.FromSeconds(10), "Both nudges");
        await Poll.UntilAsync(() => passes[analysing.ToString()] > before.Item2, TimeSpan.FromSeconds(10), "The watching run's pass after the heartbeat");

        Assert.Equal(before.Item1, fixture.Clock.GetUtcNow());
        Assert.True(wakeups.IsWaiting(paused));
        Assert.Equal(before.Item3, passes[paused.ToString()]);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(watching, pausing));
    }

    private static RolloutStrategyDto Analysed(int analysisSeconds) => new()
    {
        Steps =
        [
            new RolloutStepDto { SetWeight = 50 },
            new RolloutStepDto { Analysis = new AnalysisSpecDto { DurationSeconds = analysisSeconds, MinRequests = 100, MinLatencySamples = 50 } },
            new RolloutStepDto { SetWeight = 100 },
        ],
    };
}
