using Microsoft.EntityFrameworkCore;
using Platform.Application.Deployments;
using Platform.Contracts.Rollouts;
using Platform.Domain;
using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Strategy;
using Platform.Testing;

namespace Platform.Deployer.Tests;

/// <summary>
/// The canary as the Deployer runs it on a real database: analysis on simulated heartbeats, rings, operations,
/// node health and the approval of new capabilities.
/// </summary>
[Collection(DeployerCollection.Name)]
public sealed class CanaryJobTests(DeployerFixture fixture) : IAsyncLifetime
{
    private static readonly Lazy<byte[]> Hello = new(() => WasmBuilder.BuildTestComponent("hello"));
    private readonly Scenario _scenario = new(fixture.Services);
    private static string Key(string version) => $"svc@{version}={Digest.Of(Hello.Value)}";

    public Task InitializeAsync() => fixture.Database.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static RolloutStrategyDto Strategy(int analysisSeconds = 1, List<RingDto>? rings = null, string? onNodeLoss = null) => new()
    {
        Steps =
        [
            new RolloutStepDto { SetWeight = 50 },
            new RolloutStepDto { Analysis = new AnalysisSpecDto { DurationSeconds = analysisSeconds, MinRequests = 100, MinLatencySamples = 50 } },
            new RolloutStepDto { SetWeight = 100 },
        ],
        Rings = rings,
        OnNodeLoss = onNodeLoss,
    };

    private async Task<Guid> CanaryAsync(RolloutStrategyDto strategy, params string[] nodes)
    {
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(strategy));
        foreach (var node in nodes) await _scenario.NodeAsync(node, [Key("1.0.0"), Key("1.1.0")]);
        return id;
    }

    private async Task<Rollout> RunWithTrafficAsync(Guid id, (int, double, int) stable, (int, double, int) canary, params string[] nodes)
    {
        var traffic = new TrafficSimulator(fixture.Services, "svc", nodes);
        traffic.Profiles["1.0.0"] = stable;
        traffic.Profiles["1.1.0"] = canary;
        await fixture.RunRolloutAsync(id, whileWaiting: traffic.TickAsync);
        return await LoadAsync(id);
    }

    private Task<Rollout> LoadAsync(Guid id) =>
        _scenario.QueryAsync(db => db.Rollouts.Include(r => r.Events).AsNoTracking().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task Run_HealthyCanary_AnalysisPassesAndTargetServesEveryNode()
    {
        var id = await CanaryAsync(Strategy(), "edge-1", "edge-2");

        var rollout = await RunWithTrafficAsync(id, (40, 0.01, 1000), (40, 0.01, 1000), "edge-1", "edge-2");

        Assert.Equal(RolloutPhase.Succeeded, rollout.Phase);
        Assert.Equal(["requested", "progressing", "weight", "analysis", "weight", "succeeded"], rollout.Events.OrderBy(e => e.Id).Select(e => e.Kind));
        Assert.StartsWith("Analysis passed on ring 'all'", rollout.Events.Single(e => e.Kind == "analysis").Message);
        var deployment = await _scenario.QueryAsync(db => db.ServiceDeployments.SingleAsync());
        Assert.Equal((rollout.TargetVersionId, (Guid?)null), (deployment.StableVersionId, deployment.CanaryVersionId));
    }

    [Fact]
    public async Task Run_CanaryReturnsErrors_RolledBackWithTheErrorRateVerdict_TheTraceSaysWhy()
    {
        var id = await CanaryAsync(Strategy(analysisSeconds: 30), "edge-1");
        var passes = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == Rollouts.RolloutTrace.SourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { if (Equals(activity.GetTagItem("platform.rollout.id"), id.ToString())) passes.Enqueue(activity); },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        var rollout = await RunWithTrafficAsync(id, (40, 0.0, 1000), (40, 0.3, 1000), "edge-1");

        var last = passes.Last();
        Assert.Equal((System.Diagnostics.ActivityStatusCode.Error, "failed", "svc", "1.1.0"),
            (last.Status, last.GetTagItem("platform.rollout.outcome"), last.GetTagItem("platform.service"), last.GetTagItem("platform.rollout.target_version")));
        var verdict = Assert.Single(passes.SelectMany(p => p.Events), e => e.Tags.Any(t => t.Key == "platform.analysis.outcome" && Equals(t.Value, "Fail")));
        Assert.Contains(verdict.Tags, t => t.Key == "platform.analysis.summary" && ((string)t.Value!).Length > 0);
        Assert.Contains(verdict.Tags, t => t.Key == "platform.rollout.decision" && Equals(t.Value, "RollBack"));

        Assert.Equal(RolloutPhase.Failed, rollout.Phase);
        Assert.Contains("Analysis failed on ring 'all'", rollout.Message);
        Assert.Equal(Domain.Deployments.Analysis.AnalysisOutcome.Fail, rollout.Status.LastAnalysis!.Verdict[Domain.Deployments.Analysis.MetricVerdict.ErrorRate]!.Outcome);
        var deployment = await _scenario.QueryAsync(db => db.ServiceDeployments.SingleAsync());
        Assert.Equal((rollout.PreviousVersionId!.Value, (Guid?)null), (deployment.StableVersionId, deployment.CanaryVersionId));
        // The rollback reaches the nodes with the trace context of the pass that decided it.
        Assert.Equal(last.Id, deployment.TraceParent);
    }

    [Fact]
    public async Task Run_CanaryOnlySlower_CaughtByTheLatencyTest()
    {
        var id = await CanaryAsync(Strategy(analysisSeconds: 30), "edge-1");

        var rollout = await RunWithTrafficAsync(id, (40, 0.0, 1000), (40, 0.0, 1600), "edge-1");

        Assert.Equal(RolloutPhase.Failed, rollout.Phase);
        var verdict = rollout.Status.LastAnalysis!.Verdict;
        Assert.NotEqual(Domain.Deployments.Analysis.AnalysisOutcome.Fail, verdict[Domain.Deployments.Analysis.MetricVerdict.ErrorRate]!.Outcome);
        Assert.Equal(Domain.Deployments.Analysis.AnalysisOutcome.Fail, verdict[Domain.Deployments.Analysis.MetricVerdict.Latency]!.Outcome);
    }

    [Fact]
    public async Task Run_TooLittleTraffic_HoldsInconclusiveAndResumeAnalysesAgain()
    {
        var id = await CanaryAsync(Strategy(), "edge-1");

        var held = await RunWithTrafficAsync(id, (1, 0.0, 1000), (1, 0.0, 1000), "edge-1");

        Assert.Equal(RolloutPhase.Progressing, held.Phase);
        Assert.StartsWith("Analysis inconclusive on ring 'all'", held.Status.Hold!.Reason);
        Assert.Equal([50], held.Status.Weights);

        await _scenario.ActAsync(id, (r, now) => r.RequestResume("alice", now));
        var resumed = await RunWithTrafficAsync(id, (40, 0.0, 1000), (40, 0.0, 1000), "edge-1");

        Assert.Equal(RolloutPhase.Succeeded, resumed.Phase);
        Assert.Contains(resumed.Events, e => e.Kind == "resumed");
    }

    [Fact]
    public async Task Run_Rings_NextRingOnlyAfterThePreviousAndWeightsPerRing()
    {
        var rings = new List<RingDto>
        {
            new() { Name = "canary-region", LabelKey = "region", Values = ["eu"] },
            new() { Name = "rest", LabelKey = "region", Values = ["us"] },
        };
        var strategy = new RolloutStrategyDto
        {
            Steps = [new RolloutStepDto { SetWeight = 30 }, new RolloutStepDto { Pause = new PauseDto() }, new RolloutStepDto { SetWeight = 100 }],
            Rings = rings,
        };
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(strategy));
        await _scenario.NodeAsync("edge-eu", [Key("1.0.0"), Key("1.1.0")], region: "eu");
        await _scenario.NodeAsync("edge-us", [Key("1.0.0"), Key("1.1.0")], region: "us");

        await fixture.RunRolloutAsync(id);
        var first = await LoadAsync(id);
        var deployment = await _scenario.QueryAsync(db => db.ServiceDeployments.SingleAsync());
        Assert.Equal([30, 0], first.Status.Weights);
        Assert.Equal((30, 0), (deployment.CanaryWeightOn(new Dictionary<string, string> { ["region"] = "eu" }), deployment.CanaryWeightOn(new Dictionary<string, string> { ["region"] = "us" })));
        Assert.Contains("ring 'canary-region' waits until resumed", first.Status.Hold!.Reason);

        await _scenario.ActAsync(id, (r, now) => r.RequestResume("alice", now));
        await fixture.RunRolloutAsync(id);
        var second = await LoadAsync(id);
        Assert.Equal([100, 30], second.Status.Weights);
        Assert.Contains("ring 'rest'", second.Status.Hold!.Reason);

        await _scenario.ActAsync(id, (r, now) => r.RequestPromote("alice", now));
        await fixture.RunRolloutAsync(id);
        Assert.Equal(RolloutPhase.Succeeded, (await LoadAsync(id)).Phase);
    }

    [Fact]
    public async Task Run_AbortWhilePaused_EveryNodeBackOnStable()
    {
        var strategy = new RolloutStrategyDto { Steps = [new RolloutStepDto { SetWeight = 20 }, new RolloutStepDto { Pause = new PauseDto() }] };
        var id = await CanaryAsync(strategy, "edge-1");
        await fixture.RunRolloutAsync(id);

        await _scenario.ActAsync(id, (r, now) => r.RequestAbort("alice", "bad smell", now));
        await fixture.RunRolloutAsync(id);

        var rollout = await LoadAsync(id);
        Assert.Equal(RolloutPhase.Aborted, rollout.Phase);
        Assert.StartsWith("Aborted: bad smell (alice)", rollout.Message);
        var deployment = await _scenario.QueryAsync(db => db.ServiceDeployments.SingleAsync());
        Assert.Equal((rollout.PreviousVersionId!.Value, (Guid?)null), (deployment.StableVersionId, deployment.CanaryVersionId));
    }

    [Fact]
    public async Task Run_NodeStopsHeartbeating_PausePolicyHoldsAndReturnIsRecorded()
    {
        var strategy = new RolloutStrategyDto
        {
            Steps = [new RolloutStepDto { SetWeight = 20 }, new RolloutStepDto { Pause = new PauseDto { DurationSeconds = 60 } }],
            OnNodeLoss = "pause",
        };
        var id = await CanaryAsync(strategy, "edge-1", "edge-2");
        using (var stop = new CancellationTokenSource())
        {
            // One short run: the nodes are seen online in its first pass, then the run is cut off (as a Deployer would be).
            var run = fixture.WatchRolloutAsync(id, stop.Token);
            await fixture.Clock.UntilWaitingAsync(run);
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }

        await _scenario.SetOnlineAsync("edge-2", online: false);
        await fixture.RunRolloutAsync(id);

        var rollout = await LoadAsync(id);
        Assert.Equal(RolloutPhase.Progressing, rollout.Phase);
        Assert.Equal(["edge-2"], rollout.Status.LostNodes);
        Assert.StartsWith("Node edge-2 stopped heartbeating and is excluded from the rollout; the rollout pauses", rollout.Status.Hold!.Reason);

        await _scenario.SetOnlineAsync("edge-2", online: true);
        await _scenario.ActAsync(id, (r, now) => r.RequestPromote("alice", now));
        await fixture.RunRolloutAsync(id);
        rollout = await LoadAsync(id);
        Assert.Equal(RolloutPhase.Succeeded, rollout.Phase);
        Assert.Contains(rollout.Events, e => e.Kind == "node-back" && e.Message.StartsWith("Node edge-2 is heartbeating again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_NewCapabilities_NothingPlacedUntilAnAdminApproves()
    {
        var strategy = new RolloutStrategyDto { Steps = [new RolloutStepDto { SetWeight = 20 }, new RolloutStepDto { SetWeight = 100 }] };
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(strategy),
            version => version == "1.1.0"
                ? "name = \"svc\"\n[capabilities]\nallowed_outbound_hosts = [\"https://api.example.com\"]\n"
                : "name = \"svc\"\n");
        await _scenario.NodeAsync("edge-1", [Key("1.0.0"), Key("1.1.0")]);

        await fixture.RunRolloutAsync(id);
        await fixture.RunRolloutAsync(id);
        var held = await LoadAsync(id);
        Assert.Equal(RolloutPhase.Pending, held.Phase);
        Assert.Equal(["requested", "awaiting-approval"], held.Events.OrderBy(e => e.Id).Select(e => e.Kind));
        Assert.StartsWith("Waiting for a platform admin to approve capabilities the stable version did not declare (outbound host https://api.example.com)", held.Status.Hold!.Reason);
        var untouched = await _scenario.QueryAsync(db => db.ServiceDeployments.SingleAsync());
        Assert.Equal((held.PreviousVersionId!.Value, (Guid?)null), (untouched.StableVersionId, untouched.CanaryVersionId));

        await _scenario.ActAsync(id, (r, now) => r.Approve("admin", now));
        await fixture.RunRolloutAsync(id);
        var done = await LoadAsync(id);
        Assert.Equal(RolloutPhase.Succeeded, done.Phase);
        Assert.Equal(["requested", "awaiting-approval", "approved", "progressing", "weight", "weight", "succeeded"], done.Events.OrderBy(e => e.Id).Select(e => e.Kind));
        var placed = await _scenario.QueryAsync(db => db.ServiceDeployments.SingleAsync());
        Assert.Equal(done.TargetVersionId, placed.StableVersionId);
    }

    [Fact]
    public async Task Run_FirstVersionWithCapabilities_NoDeploymentUntilApproved_AbortEndsIt()
    {
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0"], stable: null, manifestOf: _ => "name = \"svc\"\n[capabilities]\nkey_value_stores = [\"events\"]\n");
        await _scenario.NodeAsync("edge-1", [Key("1.0.0")]);

        await fixture.RunRolloutAsync(id);
        Assert.Equal(RolloutPhase.Pending, (await LoadAsync(id)).Phase);
        Assert.Equal(0, await _scenario.QueryAsync(db => db.ServiceDeployments.CountAsync()));

        await _scenario.ActAsync(id, (r, now) => r.RequestAbort("alice", "not needed", now));
        await fixture.RunRolloutAsync(id);

        var aborted = await LoadAsync(id);
        Assert.Equal((RolloutPhase.Aborted, "Aborted before approval: not needed (alice). Nothing was placed on any node."), (aborted.Phase, aborted.Message));
        Assert.Equal(0, await _scenario.QueryAsync(db => db.ServiceDeployments.CountAsync()));
    }

    [Fact]
    public async Task Run_EmergencyWithNewCapabilities_StillWaitsForApproval()
    {
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(EmergencyReason: "checkout is down"),
            version => version == "1.1.0" ? "name = \"svc\"\n[variables]\ntoken = \"t\"\n" : "name = \"svc\"\n");
        await _scenario.NodeAsync("edge-1", [Key("1.0.0"), Key("1.1.0")]);

        await fixture.RunRolloutAsync(id);
        Assert.Equal((RolloutPhase.Pending, StrategySources.Emergency), ((await LoadAsync(id)).Phase, (await LoadAsync(id)).StrategySource));
        Assert.Null((await _scenario.QueryAsync(db => db.ServiceDeployments.SingleAsync())).CanaryVersionId);

        await _scenario.ActAsync(id, (r, now) => r.Approve("admin", now));
        await fixture.RunRolloutAsync(id);
        Assert.Equal(RolloutPhase.Succeeded, (await LoadAsync(id)).Phase);
    }

    [Fact]
    public async Task Run_Emergency_SkipsTheCanary()
    {
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(EmergencyReason: "checkout is down"));
        await _scenario.NodeAsync("edge-1", [Key("1.0.0"), Key("1.1.0")]);

        await fixture.RunRolloutAsync(id);

        var rollout = await LoadAsync(id);
        Assert.Equal((RolloutPhase.Succeeded, StrategySources.Emergency, "checkout is down"), (rollout.Phase, rollout.StrategySource, rollout.EmergencyReason));
        Assert.DoesNotContain(rollout.Events, e => e.Kind == "weight");
    }
}
