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
/// The analysis window on a real database counts every node serving the versions, whenever it enrolled: a node that
/// enrols while the window is open counts from its very first report. Reports are stamped as the API's heartbeat does.
/// </summary>
[Collection(DeployerCollection.Name)]
public sealed class EveryNodeCountsTests(DeployerFixture fixture) : IAsyncLifetime
{
    private static readonly Lazy<byte[]> Hello = new(() => WasmBuilder.BuildTestComponent("hello"));
    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(10);
    private readonly Scenario _scenario = new(fixture.Services);
    private readonly TestClock _clock = fixture.Clock;
    private static string Key(string version) => $"svc@{version}={Digest.Of(Hello.Value)}";

    public Task InitializeAsync() => fixture.Database.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Gather_ThirdNodeEnrolsDuringTheWindow_CountedFromItsFirstReport()
    {
        var strategy = new RolloutStrategyDto
        {
            Steps = [new RolloutStepDto { SetWeight = 50 }, new RolloutStepDto { Analysis = new AnalysisSpecDto { DurationSeconds = 60 } }],
        };
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(strategy));
        var windowStart = _clock.GetUtcNow();
        await EnrolAsync("edge-1", windowStart.AddHours(-1));
        await EnrolAsync("edge-2", windowStart.AddHours(-1));
        await HeartbeatAsync("edge-1", stable: (1_000, 5), canary: (1_000, 5));
        await HeartbeatAsync("edge-2", stable: (2_000, 10), canary: (2_000, 10));

        var empty = await GatherAsync(id, windowStart);
        Assert.Equal((0L, 0L), (empty.Stable.Requests, empty.Canary.Requests));

        _clock.Advance(TimeSpan.FromSeconds(8));
        await EnrolAsync("edge-3", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(2));
        await HeartbeatAsync("edge-1", stable: (1_100, 5), canary: (1_100, 5));
        await HeartbeatAsync("edge-2", stable: (2_100, 10), canary: (2_100, 10));
        // Its first report: every one of its 20 canary requests failed.
        await HeartbeatAsync("edge-3", stable: (20, 0), canary: (20, 20));

        var window = await GatherAsync(id, _clock.GetUtcNow());
        Assert.Equal((220L, 0L), (window.Stable.Requests, window.Stable.Errors));
        Assert.Equal((220L, 20L), (window.Canary.Requests, window.Canary.Errors));
        Assert.Equal(220, window.Canary.Latency.Count);
        var verdict = CanaryJudge.Judge(window, AnalysisSpec.Default);
        Assert.Equal(AnalysisOutcome.Fail, verdict[MetricVerdict.ErrorRate]!.Outcome);

        _clock.Advance(TimeSpan.FromSeconds(2));
        await HeartbeatAsync("edge-3", stable: (40, 0), canary: (40, 20));
        var later = await GatherAsync(id, _clock.GetUtcNow());
        Assert.Equal((240L, 20L), (later.Canary.Requests, later.Canary.Errors));
        var nodes = await _scenario.QueryAsync(db => db.Rollouts.Where(r => r.Id == id).Select(r => r.SavedStatus).SingleAsync());
        Assert.Equal(3, nodes.Baseline!.Nodes.Count);
    }

    [Fact]
    public async Task Gather_NodeFirstSeenWithCountersFromBeforeTheWindow_OnlyWhatFollowsCounts()
    {
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(new RolloutStrategyDto
        {
            Steps = [new RolloutStepDto { SetWeight = 50 }, new RolloutStepDto { Analysis = new AnalysisSpecDto { DurationSeconds = 60 } }],
        }));
        var windowStart = _clock.GetUtcNow();
        await EnrolAsync("edge-1", windowStart.AddHours(-1));
        await EnrolAsync("edge-2", windowStart.AddHours(-1));
        await HeartbeatAsync("edge-1", stable: (1_000, 0), canary: (1_000, 0));
        // edge-2 reported an hour ago and went silent: offline when the window begins.
        await HeartbeatAsync("edge-2", stable: (500, 0), canary: (500, 50), at: windowStart.AddHours(-1).AddSeconds(2));
        await GatherAsync(id, windowStart);

        _clock.Advance(TimeSpan.FromSeconds(4));
        await HeartbeatAsync("edge-1", stable: (1_050, 0), canary: (1_050, 0));
        await HeartbeatAsync("edge-2", stable: (520, 0), canary: (520, 50));

        // What edge-2 served before it came back cannot be told apart from the window: only the next reports count.
        var window = await GatherAsync(id, _clock.GetUtcNow());
        Assert.Equal((50L, 0L), (window.Canary.Requests, window.Canary.Errors));
        _clock.Advance(TimeSpan.FromSeconds(2));
        await HeartbeatAsync("edge-2", stable: (530, 0), canary: (530, 50));
        Assert.Equal(60L, (await GatherAsync(id, _clock.GetUtcNow())).Canary.Requests);
    }

    [Fact]
    public async Task LoadFleet_NodeRunningOtherServices_OnlyThisServicesEntriesAreRead()
    {
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(new RolloutStrategyDto
        {
            Steps = [new RolloutStepDto { SetWeight = 50 }],
        }));
        await EnrolAsync("edge-1", _clock.GetUtcNow().AddMinutes(-1));
        await HeartbeatAsync("edge-1", stable: (10, 0), canary: (10, 1));
        // The node also runs "svc-b" (a name "svc" is a prefix of) and "other".
        await WithDbAsync(async db =>
        {
            var node = await db.Nodes.SingleAsync(n => n.Name == "edge-1");
            node.ReadyVersions = [.. node.ReadyVersions, "svc-b@1.0.0=sha256:aa", "other@2.0.0=sha256:bb"];
            node.FailedVersions = ["svc@1.1.0: out of memory", "svc-b@1.0.0: trap", "other@2.0.0: trap"];
            node.Metrics = [.. node.Metrics, new VersionMetrics { Service = "svc-b", Version = "1.0.0", Requests = 7 }, new VersionMetrics { Service = "other", Version = "2.0.0", Requests = 9 }];
            await db.SaveChangesAsync();
        });

        var fleet = await WithDbAsync(async db =>
            await RolloutFleet.LoadAsync(db, await db.Rollouts.Where(r => r.Id == id).Select(r => r.ServiceId).SingleAsync(), RolloutStrategy.Default,
                _clock.GetUtcNow(), HeartbeatTimeout, default));

        var node = Assert.Single(fleet.Online);
        Assert.Equal([Key("1.0.0"), Key("1.1.0")], node.ReadyVersions.Order(StringComparer.Ordinal));
        Assert.Equal(["svc@1.1.0: out of memory"], node.FailedVersions);
        Assert.Equal([("svc", "1.0.0", 10L), ("svc", "1.1.0", 10L)], node.Metrics.Select(m => (m.Service, m.Version, m.Requests)).Order());
        Assert.Equal(("edge-1", true), (node.Name, node.Metrics.All(m => m.Latency is { Count: 10 })));
    }

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

    /// <summary>A heartbeat as the API stores it: cumulative counters and sketch (every latency 1 ms), stamped with when they began.</summary>
    private Task HeartbeatAsync(string name, (long Requests, long Errors) stable, (long Requests, long Errors) canary, DateTimeOffset? at = null) =>
        WithDbAsync(async db =>
        {
            var node = await db.Nodes.SingleAsync(n => n.Name == name);
            VersionMetrics Report(string version, (long Requests, long Errors) counts) => VersionMetrics.Continuing(
                new VersionMetrics
                {
                    Service = "svc", Version = version, Requests = counts.Requests, Errors = counts.Errors,
                    Latency = LatencySketch.FromBuckets([new(LatencySketch.IndexOf(1_000), counts.Requests)]),
                },
                node.Metrics.FirstOrDefault(m => m.Version == version), node.LastHeartbeatAt ?? node.EnrolledAt);
            node.Metrics = [Report("1.0.0", stable), Report("1.1.0", canary)];
            node.LastHeartbeatAt = at ?? _clock.GetUtcNow();
            await db.SaveChangesAsync();
        });

    /// <summary>One look at the analysis window of step 2 (begun at the first look), as a rollout pass takes it.</summary>
    private Task<AnalysisInput> GatherAsync(Guid id, DateTimeOffset now) =>
        WithDbAsync(async db =>
        {
            var rollout = await db.Rollouts.SingleAsync(r => r.Id == id);
            var strategy = rollout.ParsedStrategy();
            if (rollout.Status.Step != 1)
                rollout.Keep(rollout.Status with { Ring = 0, Step = 1, StepStartedAt = now });
            var fleet = await RolloutFleet.LoadAsync(db, rollout.ServiceId, strategy, now, HeartbeatTimeout, default);
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
