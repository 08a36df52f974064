using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

/// <summary>When the production step next needs to look, and whether heartbeats may change its mind before then.</summary>
public sealed class RolloutWakeAtTests
{
    private static readonly DateTimeOffset T0 = RolloutDriver.T0;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static readonly HashSet<string> Three = ["edge-1", "edge-2", "edge-3"];

    private static RolloutObservations Seen(Readiness readiness) =>
        new("2.0.0", Three, Three, _ => true, readiness, Timeout, _ => Samples.Healthy(), CapabilityApproval.NothingNew);

    private static readonly Readiness Ready = new(3, 3, null);

    [Fact]
    public void Step_TargetLoading_WakesAtTheReadinessTimeoutAndWatchesTheFleet()
    {
        var step = RolloutStepper.Step(RolloutDriver.TenFiftyHundred, RolloutStatus.Start(T0), Seen(new Readiness(3, 1, null)), T0.AddSeconds(2));

        Assert.Equal((T0.AddSeconds(2) + Timeout, true), (step.WakeAt, step.WatchesFleet));
    }

    [Fact]
    public void Step_TimedPause_WakesAtItsEndWithoutWatchingTheFleet()
    {
        var strategy = new RolloutStrategy([new SetWeightStep(20), new PauseStep(TimeSpan.FromMinutes(10)), new SetWeightStep(100)], []);

        var step = RolloutStepper.Step(strategy, RolloutStatus.Start(T0), Seen(Ready), T0);

        Assert.Equal((T0.AddMinutes(10), false), (step.WakeAt, step.WatchesFleet));
    }

    [Fact]
    public void Step_AnalysisGathering_WakesAtTheWindowsEndAndWatchesTheFleet()
    {
        var step = RolloutStepper.Step(RolloutDriver.TenFiftyHundred, RolloutStatus.Start(T0), Seen(Ready), T0);

        Assert.Equal((T0 + RolloutDriver.Quick.Duration, true), (step.WakeAt, step.WatchesFleet));
    }

    [Fact]
    public void Step_HeldForAPersonOrAwaitingApproval_NoWakeUp()
    {
        var strategy = new RolloutStrategy([new SetWeightStep(20), new PauseStep(null)], []);
        var held = RolloutStepper.Step(strategy, RolloutStatus.Start(T0), Seen(Ready), T0);
        var awaiting = RolloutStepper.Step(strategy, RolloutStatus.Requested(T0), Seen(Ready) with { Approval = new CapabilityApproval(new Domain.Deployments.CapabilityDiff { Variables = ["token"] }, false, false) }, T0);

        Assert.Equal(((DateTimeOffset?)null, false), (held.WakeAt, held.WatchesFleet));
        Assert.Equal(((DateTimeOffset?)null, false), (awaiting.WakeAt, awaiting.WatchesFleet));
    }

    [Fact]
    public void Step_Finished_NoWakeUp()
    {
        var step = RolloutStepper.Step(new RolloutStrategy([new SetWeightStep(100)], []), RolloutStatus.Start(T0), Seen(Ready), T0);

        Assert.True(step.Status.IsFinished);
        Assert.Null(step.WakeAt);
    }
}
