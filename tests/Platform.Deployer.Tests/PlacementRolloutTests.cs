using Microsoft.EntityFrameworkCore;
using Platform.Application.Deployments;
using Platform.Contracts.Rollouts;
using Platform.Domain;
using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Strategy;
using Platform.Domain.Nodes;
using Platform.Testing;

namespace Platform.Deployer.Tests;

/// <summary>
/// Rollouts count only the nodes a service is placed on: readiness, node loss and analysis ignore the others, and
/// rings holding none of its nodes pass, so a service placed on one node still rolls out.
/// </summary>
[Collection(DeployerCollection.Name)]
public sealed class PlacementRolloutTests(DeployerFixture fixture) : IAsyncLifetime
{
    private static readonly Lazy<byte[]> Hello = new(() => WasmBuilder.BuildTestComponent("hello"));
    private readonly Scenario _scenario = new(fixture.Services);
    private static string Key(string version) => $"svc@{version}={Digest.Of(Hello.Value)}";

    public Task InitializeAsync() => fixture.Database.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly List<RingDto> Regions =
    [
        new() { Name = "eu", LabelKey = "region", Values = ["eu-west"] },
        new() { Name = "us", LabelKey = "region", Values = ["us-east"] },
    ];

    private static RolloutStrategyDto Strategy() => new()
    {
        Steps =
        [
            new RolloutStepDto { SetWeight = 50 },
            new RolloutStepDto { Analysis = new AnalysisSpecDto { DurationSeconds = 1, MinRequests = 100, MinLatencySamples = 50 } },
            new RolloutStepDto { SetWeight = 100 },
        ],
        Rings = Regions,
    };

    private async Task PlaceAsync(string region) => await _scenario.QueryAsync(async db =>
    {
        var service = await db.Services.SingleAsync(s => s.Name == "svc");
        service.Placement = new NodePlacement { MatchLabels = new() { ["region"] = region } };
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Run_CanaryPlacedOnOneNode_OtherRegionsRingPassesAndTheNodeOutsideIsIgnored()
    {
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(Strategy()));
        await PlaceAsync("eu-west");
        await _scenario.NodeAsync("edge-1", [Key("1.0.0"), Key("1.1.0")], region: "eu-west");
        // Not placed there: it never loads svc and reports no traffic for it.
        await _scenario.NodeAsync("edge-2", [], region: "us-east");
        var traffic = new TrafficSimulator(fixture.Services, "svc", ["edge-1"]);
        traffic.Profiles["1.0.0"] = (40, 0.01, 1000);
        traffic.Profiles["1.1.0"] = (40, 0.01, 1000);

        await fixture.RunRolloutAsync(id, whileWaiting: traffic.TickAsync);

        var rollout = await _scenario.QueryAsync(db => db.Rollouts.Include(r => r.Events).AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(RolloutPhase.Succeeded, rollout.Phase);
        Assert.StartsWith("Analysis passed on ring 'eu'", rollout.Events.Single(e => e.Kind == "analysis").Message);
        Assert.Contains(rollout.Events, e => e.Message.StartsWith("Ring 'us' has no node this service is placed on", StringComparison.Ordinal));
        Assert.DoesNotContain("edge-2", rollout.Status.Nodes);
    }

    [Fact]
    public async Task Run_FirstDeploymentPlacedOnASubset_SucceedsWithoutTheOtherNodes()
    {
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0"], stable: null);
        await PlaceAsync("eu-west");
        await _scenario.NodeAsync("edge-1", [Key("1.0.0")], region: "eu-west");
        await _scenario.NodeAsync("edge-2", [], region: "us-east");

        await fixture.RunRolloutAsync(id);

        var rollout = await _scenario.QueryAsync(db => db.Rollouts.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(RolloutPhase.Succeeded, rollout.Phase);
    }

    [Fact]
    public async Task Run_PlacementNarrowedDuringTheRollout_NodeLeftOutIsNotANodeLoss()
    {
        var strategy = new RolloutStrategyDto
        {
            Steps = [new RolloutStepDto { SetWeight = 20 }, new RolloutStepDto { Pause = new PauseDto() }, new RolloutStepDto { SetWeight = 100 }],
            OnNodeLoss = "pause",
        };
        var id = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0", new RolloutStart(strategy));
        await _scenario.NodeAsync("edge-1", [Key("1.0.0"), Key("1.1.0")], region: "eu-west");
        await _scenario.NodeAsync("edge-2", [Key("1.0.0"), Key("1.1.0")], region: "us-east");
        await fixture.RunRolloutAsync(id);
        Assert.Equal(["edge-1", "edge-2"], (await _scenario.QueryAsync(db => db.Rollouts.AsNoTracking().SingleAsync(r => r.Id == id))).Status.Nodes);

        await PlaceAsync("eu-west");
        await _scenario.ActAsync(id, (r, now) => r.RequestResume("alice", now));
        await fixture.RunRolloutAsync(id);

        var rollout = await _scenario.QueryAsync(db => db.Rollouts.Include(r => r.Events).AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(RolloutPhase.Succeeded, rollout.Phase);
        Assert.Contains(rollout.Events, e => e.Kind == "node-unplaced" && e.Message.StartsWith("Node edge-2 no longer runs this service", StringComparison.Ordinal));
        Assert.DoesNotContain(rollout.Events, e => e.Kind == "node-lost");
    }
}
