using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Deployer.Rollouts;
using Platform.Domain;
using Platform.Domain.Deployments;
using Platform.Testing;

namespace Platform.Deployer.Tests;

[Collection(DeployerCollection.Name)]
public sealed class RolloutJobTests(DeployerFixture fixture) : IAsyncLifetime
{
    private static readonly Lazy<byte[]> Hello = new(() => WasmBuilder.BuildTestComponent("hello"));
    private readonly Scenario _scenario = new(fixture.Services);
    private static string Key(string service, string version) => $"{service}@{version}={Digest.Of(Hello.Value)}";

    public Task InitializeAsync() => fixture.Database.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Run_EveryOnlineNodeReady_SucceedsAndTargetIsStable()
    {
        var rolloutId = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0"], stable: null);
        await _scenario.NodeAsync("edge-1", [Key("svc", "1.0.0")]);
        await _scenario.NodeAsync("edge-2", [Key("svc", "1.0.0")]);
        await _scenario.NodeAsync("edge-gone", [], online: false);

        await fixture.RunRolloutAsync(rolloutId);

        var rollout = await _scenario.QueryAsync(db => db.Rollouts.Include(r => r.Events).SingleAsync(r => r.Id == rolloutId));
        Assert.Equal(RolloutPhase.Succeeded, rollout.Phase);
        Assert.Equal("Rolled out to every node at once, without a canary.", rollout.Message);
        Assert.Equal(["requested", "progressing", "succeeded"], rollout.Events.OrderBy(e => e.Id).Select(e => e.Kind));
        Assert.Equal(StrategySources.First, rollout.StrategySource);
        var deployment = await _scenario.QueryAsync(db => db.ServiceDeployments.SingleAsync());
        Assert.Equal(rollout.TargetVersionId, deployment.StableVersionId);
    }

    [Fact]
    public async Task Run_NodeCannotLoadTarget_FailsAndPutsPreviousBack()
    {
        var rolloutId = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0", "1.1.0"], stable: "1.0.0");
        await _scenario.NodeAsync("edge-1", [Key("svc", "1.0.0")], ["svc@1.1.0: missing import platform:edge/key-value"]);

        await fixture.RunRolloutAsync(rolloutId);

        var rollout = await _scenario.QueryAsync(db => db.Rollouts.SingleAsync(r => r.Id == rolloutId));
        Assert.Equal(RolloutPhase.Failed, rollout.Phase);
        Assert.Contains("edge-1", rollout.Message);
        Assert.Contains("Every node serves the stable version again", rollout.Message);
        var deployment = await _scenario.QueryAsync(db => db.ServiceDeployments.SingleAsync());
        Assert.Equal(rollout.PreviousVersionId, deployment.StableVersionId);
    }

    [Fact]
    public async Task Run_NoNodeEverReady_TimesOutAndUndeploysFirstVersion()
    {
        var rolloutId = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0"], stable: null);
        await _scenario.NodeAsync("edge-1", []);

        await fixture.RunRolloutAsync(rolloutId);

        var rollout = await _scenario.QueryAsync(db => db.Rollouts.SingleAsync(r => r.Id == rolloutId));
        Assert.Equal(RolloutPhase.Failed, rollout.Phase);
        Assert.StartsWith("Timed out: 0 of 1 online nodes had loaded 1.0.0", rollout.Message);
        Assert.Equal(0, await _scenario.QueryAsync(db => db.ServiceDeployments.CountAsync()));
    }

    [Fact]
    public async Task Run_AlreadyFinished_DoesNothing()
    {
        var rolloutId = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0"], stable: null);
        await _scenario.NodeAsync("edge-1", [Key("svc", "1.0.0")]);
        await fixture.RunRolloutAsync(rolloutId);
        var before = await _scenario.QueryAsync(db => db.Rollouts.AsNoTracking().SingleAsync(r => r.Id == rolloutId));

        await fixture.RunRolloutAsync(rolloutId);

        var after = await _scenario.QueryAsync(db => db.Rollouts.AsNoTracking().SingleAsync(r => r.Id == rolloutId));
        Assert.Equal((before.Phase, before.UpdatedAt, before.RowVersion), (after.Phase, after.UpdatedAt, after.RowVersion));
    }

    [Fact]
    public async Task Run_Ended_CountedOnceByOutcomeWithItsDuration_NotAgainWhenRunAgain()
    {
        var factory = fixture.Services.GetRequiredService<IMeterFactory>();
        var completed = new ConcurrentQueue<(string Instrument, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RolloutMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => completed.Enqueue((instrument.Name, Outcome(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => completed.Enqueue((instrument.Name, Outcome(tags))));
        listener.Start();
        var succeeds = await _scenario.PendingRolloutAsync("svc", Hello.Value, ["1.0.0"], stable: null);
        var fails = await _scenario.PendingRolloutAsync("other", Hello.Value, ["1.0.0"], stable: null);
        await _scenario.NodeAsync("edge-1", [Key("svc", "1.0.0")], ["other@1.0.0: missing import platform:edge/key-value"]);

        await fixture.RunRolloutAsync(succeeds);
        await fixture.RunRolloutAsync(fails);
        await fixture.RunRolloutAsync(succeeds);

        Assert.Equal(
            [("platform.rollouts.completed", "succeeded"), ("platform.rollout.duration", "succeeded"),
             ("platform.rollouts.completed", "failed"), ("platform.rollout.duration", "failed")],
            completed.ToList());
    }

    private static string? Outcome(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "outcome") return tag.Value as string;
        }
        return null;
    }
}
