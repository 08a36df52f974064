using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Application.Deployments;
using Platform.Contracts.Rollouts;
using Platform.Data;
using Platform.Deployer.Rollouts;
using Platform.Domain;
using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Strategy;
using Platform.Domain.Nodes;
using Platform.Testing;

namespace Platform.Deployer.Tests;

/// <summary>
/// The analysis window with baseline copies on a real database: a copy that appears once the window is open counts
/// whole (it starts with the canary's traffic), the canary is judged against it, and a node that runs none (an older
/// release) contributes its stable. Reports are stamped as the API's heartbeat does.
/// </summary>
[Collection(DeployerCollection.Name)]
public sealed class BaselineWindowTests(DeployerFixture fixture) : IAsyncLifetime
{
    private static readonly Lazy<byte[]> Hello = new(() => WasmBuilder.BuildTestComponent("hello"));
    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(10);
    private readonly Scenario _scenario = new(fixture.Services);
    private readonly TestClock _clock = fixture.Clock;
    private static string Key(string version) => $"svc@{version}={Digest.Of(Hello.Value)}";

    public Task InitializeAsync() => fixture.Database.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private sealed record Report(long Requests, long Errors, long Micros = 1_000);

    [Fact]
    public async Task Gather_BaselineStartsWithTheCanary_CanaryJudgedAgainstItNotAgainstHotStable()
    {
        var id = await RolloutAsync();
        var windowStart = _clock.GetUtcNow();
        await EnrolAsync("edge-1", windowStart.AddHours(-1));
        await EnrolAsync("edge-2", windowStart.AddHours(-1));
        await HeartbeatAsync("edge-1", stable: new(1_000, 0), canary: new(0, 0));
        await HeartbeatAsync("edge-2", stable: new(1_000, 0), canary: new(0, 0));
        var empty = await GatherAsync(id, windowStart);
        Assert.Null(empty.Baseline);

        // Both nodes load the copy after the window began; its first report comes with the canary's first traffic.
        // Canary and copy are cold (2 ms); stable is hot (1 ms).
        for (var beat = 1; beat <= 5; beat++)
        {
            _clock.Advance(TimeSpan.FromSeconds(2));
            foreach (var node in new[] { "edge-1", "edge-2" })
                await HeartbeatAsync(node, stable: new(1_000 + 600 * beat, 0), canary: new(200 * beat, 0, 2_000), baseline: new(200 * beat, 0, 2_000));
        }
        var window = await GatherAsync(id, _clock.GetUtcNow());

        Assert.Equal(("baseline", 2_000L, 2_000L, 6_000L), (window.ControlName, window.Baseline!.Requests, window.Canary.Requests, window.Stable.Requests));
        var verdict = CanaryJudge.Judge(window, AnalysisSpec.Default with { MaxLatencyIncrease = 0, MaxLatencyIncreaseMs = 0 });
        Assert.Equal(AnalysisOutcome.Pass, verdict.Outcome);
        Assert.Contains("vs baseline", verdict[MetricVerdict.Latency]!.Reason);
        // Against hot stable the same cold canary would have failed on latency, even with no margins to hide behind.
        var againstStable = CanaryJudge.Judge(window with { Baseline = null }, AnalysisSpec.Default with { MaxLatencyIncrease = 0, MaxLatencyIncreaseMs = 0 });
        Assert.Equal(AnalysisOutcome.Fail, againstStable[MetricVerdict.Latency]!.Outcome);
    }

    [Fact]
    public async Task Gather_NodeOfAnOlderReleaseWithoutACopy_ItsStableStandsInForTheBaseline()
    {
        var id = await RolloutAsync();
        var windowStart = _clock.GetUtcNow();
        await EnrolAsync("edge-new", windowStart.AddHours(-1));
        await EnrolAsync("edge-old", windowStart.AddHours(-1));
        await HeartbeatAsync("edge-new", stable: new(1_000, 0), canary: new(0, 0), baseline: new(0, 0));
        await HeartbeatAsync("edge-old", stable: new(1_000, 0), canary: new(0, 0));
        await GatherAsync(id, windowStart);

        _clock.Advance(TimeSpan.FromSeconds(2));
        await HeartbeatAsync("edge-new", stable: new(1_060, 0), canary: new(20, 10), baseline: new(20, 1));
        await HeartbeatAsync("edge-old", stable: new(1_080, 2), canary: new(20, 10));
        var window = await GatherAsync(id, _clock.GetUtcNow());

        Assert.Equal((100L, 3L), (window.Baseline!.Requests, window.Baseline.Errors));
        Assert.Equal((140L, 2L), (window.Stable.Requests, window.Stable.Errors));
        Assert.Equal((40L, 20L), (window.Canary.Requests, window.Canary.Errors));
        Assert.Equal(AnalysisOutcome.Fail, CanaryJudge.Judge(window, AnalysisSpec.Default)[MetricVerdict.ErrorRate]!.Outcome);
    }

    private Task<Guid> RolloutAsync() =>
        _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(new RolloutStrategyDto
        {
            Steps = [new RolloutStepDto { SetWeight = 20 }, new RolloutStepDto { Analysis = new AnalysisSpecDto { DurationSeconds = 60 } }],
        }));

    private async Task EnrolAsync(string name, DateTimeOffset at)
    {
        await _scenario.NodeAsync(name, [Key("1.0.0"), Key("1.1.0")]);
        await WithDbAsync(async db =>
        {
            var node = await db.Nodes.SingleAsync(n => n.Name == name);
            (node.EnrolledAt, node.LastHeartbeatAt) = (at, null);
            await db.SaveChangesAsync();
        });
    }

    /// <summary>A heartbeat as the API stores it: cumulative counters and sketch (every latency the report's), stamped with when they began.</summary>
    private Task HeartbeatAsync(string name, Report stable, Report canary, Report? baseline = null) =>
        WithDbAsync(async db =>
        {
            var node = await db.Nodes.SingleAsync(n => n.Name == name);
            VersionMetrics Stored(string version, Report counts, bool copy = false) => VersionMetrics.Continuing(
                new VersionMetrics
                {
                    Service = "svc", Version = version, Baseline = copy, Requests = counts.Requests, Errors = counts.Errors,
                    Latency = LatencySketch.FromBuckets([new(LatencySketch.IndexOf(counts.Micros), counts.Requests)]),
                },
                node.Metrics.FirstOrDefault(m => m.Is("svc", version, copy)), node.LastHeartbeatAt ?? node.EnrolledAt);
            List<VersionMetrics> reports = [Stored("1.0.0", stable), Stored("1.1.0", canary)];
            if (baseline is not null) reports.Add(Stored("1.0.0", baseline, copy: true));
            node.Metrics = reports;
            node.LastHeartbeatAt = _clock.GetUtcNow();
            await db.SaveChangesAsync();
        });

    /// <summary>One look at the analysis window of step 2 (begun at the first look), as a rollout pass takes it.</summary>
    private Task<AnalysisInput> GatherAsync(Guid id, DateTimeOffset now) =>
        WithDbAsync(async db =>
        {
            var rollout = await db.Rollouts.SingleAsync(r => r.Id == id);
            if (rollout.Status.Step != 1)
                rollout.Keep(rollout.Status with { Ring = 0, Step = 1, StepStartedAt = now });
            var fleet = await RolloutFleet.LoadAsync(db, rollout.ServiceId, rollout.ParsedStrategy(), now, HeartbeatTimeout, default);
            var input = CanaryAnalysis.Gather(rollout, new RunAnalysis(0, "all", rollout.Status.StepStartedAt, now), fleet, "svc", "1.0.0", "1.1.0", now);
            await db.SaveChangesAsync();
            return input;
        });

    private async Task<T> WithDbAsync<T>(Func<PlatformDbContext, Task<T>> work)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PlatformDbContext>());
    }

    private async Task WithDbAsync(Func<PlatformDbContext, Task> work)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<PlatformDbContext>());
    }
}
