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
        var againstStable = CanaryJudge.Judge(new AnalysisInput(window.Stable, window.Canary), AnalysisSpec.Default with { MaxLatencyIncrease = 0, MaxLatencyIncreaseMs = 0 });
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

    [Fact]
    public async Task Gather_SlowFirstSecondsServedMostlyByTheCanary_JudgedLookByLookFromTheCursor_Passes()
    {
        var id = await RolloutAsync();
        var windowStart = _clock.GetUtcNow();
        await EnrolAsync("edge-1", windowStart.AddHours(-1));
        await AddAsync("edge-1", stable: (1_000, 1_000), canary: (0, 0), baseline: (0, 0));
        await GatherAsync(id, windowStart);

        // The first seconds are slow for everyone (20 ms) and the copy takes its share late; then both 1 ms alike.
        _clock.Advance(TimeSpan.FromSeconds(2));
        await AddAsync("edge-1", stable: (100, 20_000), canary: (500, 20_000), baseline: (20, 20_000));
        await GatherAsync(id, _clock.GetUtcNow());
        for (var look = 0; look < 2; look++)
        {
            _clock.Advance(TimeSpan.FromSeconds(2));
            await AddAsync("edge-1", stable: (200, 1_000), canary: (200, 1_000), baseline: (100, 1_000));
            var once = (await GatherAsync(id, _clock.GetUtcNow())).Latency!;
            // A second look at the same reports (another pass) adds nothing.
            var twice = (await GatherAsync(id, _clock.GetUtcNow())).Latency!;
            Assert.Equal((once.Strata, once.CanaryCount, once.ControlCount, once.Weight), (twice.Strata, twice.CanaryCount, twice.ControlCount, twice.Weight));
        }
        var window = await GatherAsync(id, _clock.GetUtcNow());

        Assert.Equal((900L, 220L), (window.Canary.Requests, window.Baseline!.Requests));
        Assert.Equal((3, 900L, 220L), (window.Latency!.Strata, window.Latency.CanaryCount, window.Latency.ControlCount));
        var spec = AnalysisSpec.Default with { MinRequests = 100, MinLatencySamples = 100 };
        var verdict = CanaryJudge.Judge(window, spec);
        Assert.True(verdict.Outcome == AnalysisOutcome.Pass, verdict[MetricVerdict.Latency]!.Reason);
        // The whole window pooled: mostly slow canary against a mostly fast baseline.
        Assert.Equal(AnalysisOutcome.Fail, CanaryJudge.Judge(window with { Latency = null, Nodes = [new(window.Baseline.Latency, window.Canary.Latency)] }, spec)[MetricVerdict.Latency]!.Outcome);
    }

    [Fact]
    public async Task Gather_WithAWarmup_TheSlowFirstSecondsAreLeftOutOfTheLatencies()
    {
        var id = await RolloutAsync();
        var windowStart = _clock.GetUtcNow();
        await EnrolAsync("edge-1", windowStart.AddHours(-1));
        await AddAsync("edge-1", stable: (1_000, 1_000), canary: (0, 0), baseline: (0, 0));
        var spec = AnalysisSpec.Default with { Duration = TimeSpan.FromSeconds(10), Warmup = TimeSpan.FromSeconds(3), MinLatencySamples = 100 };
        await GatherAsync(id, windowStart, spec);

        // Looks at 2 s and 4 s close intervals that began within the warm-up (at 0 and 2 s); those at 6 and 8 s count.
        for (var look = 1; look <= 4; look++)
        {
            _clock.Advance(TimeSpan.FromSeconds(2));
            var slow = look <= 2;
            await AddAsync("edge-1", stable: (100, 1_000), canary: (slow ? 300 : 100, slow ? 20_000 : 1_000), baseline: (slow ? 10 : 100, slow ? 60_000 : 1_000));
            await GatherAsync(id, _clock.GetUtcNow(), spec);
        }
        var window = await GatherAsync(id, _clock.GetUtcNow(), spec);

        Assert.Equal((2, 200L, 200L), (window.Latency!.Strata, window.Latency.CanaryCount, window.Latency.ControlCount));
        Assert.Equal((600L, 20L), (window.Latency.WarmupCanaryCount, window.Latency.WarmupControlCount));
        Assert.Equal(AnalysisOutcome.Pass, CanaryJudge.Judge(window, spec)[MetricVerdict.Latency]!.Outcome);
    }

    /// <summary>A heartbeat adding (requests, latency) to each version's cumulative report, as the node's counters grow.</summary>
    private Task AddAsync(string name, (long Requests, long Micros) stable, (long Requests, long Micros) canary, (long Requests, long Micros) baseline) =>
        WithDbAsync(async db =>
        {
            var node = await db.Nodes.SingleAsync(n => n.Name == name);
            VersionMetrics Grown(string version, (long Requests, long Micros) added, bool copy = false)
            {
                var previous = node.Metrics.FirstOrDefault(m => m.Is("svc", version, copy));
                var sketch = (previous?.Latency ?? LatencySketch.Empty).Plus(LatencySketch.FromBuckets([new(LatencySketch.IndexOf(added.Micros), added.Requests)]));
                return VersionMetrics.Continuing(
                    new VersionMetrics { Service = "svc", Version = version, Baseline = copy, Requests = (previous?.Requests ?? 0) + added.Requests, Latency = sketch },
                    previous, node.LastHeartbeatAt ?? node.EnrolledAt);
            }
            node.Metrics = [Grown("1.0.0", stable), Grown("1.1.0", canary), Grown("1.0.0", baseline, copy: true)];
            node.LastHeartbeatAt = _clock.GetUtcNow();
            await db.SaveChangesAsync();
        });

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
    private Task<AnalysisInput> GatherAsync(Guid id, DateTimeOffset now, AnalysisSpec? spec = null) =>
        WithDbAsync(async db =>
        {
            var rollout = await db.Rollouts.SingleAsync(r => r.Id == id);
            if (rollout.Status.Step != 1)
                rollout.Keep(rollout.Status with { Ring = 0, Step = 1, StepStartedAt = now });
            var fleet = await RolloutFleet.LoadAsync(db, rollout.ServiceId, rollout.ParsedStrategy(), now, HeartbeatTimeout, default);
            var input = CanaryAnalysis.Gather(rollout, new RunAnalysis(0, "all", rollout.Status.StepStartedAt, now), fleet, "svc", "1.0.0", "1.1.0", now, spec);
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
