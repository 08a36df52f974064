using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

/// <summary>Pause steps and rings, driven the way the Deployer job drives the planner.</summary>
public sealed class RolloutStepScenarioTests
{
    private static readonly RolloutStrategy TwoRegions = new(
        [new SetWeightStep(10), new AnalysisStep(RolloutDriver.Quick), new SetWeightStep(100)],
        [new RingSpec("eu", "region", ["eu-west"]), new RingSpec("us", "region", ["us-east"])]);

    [Fact]
    public void Reconcile_Rings_RunInOrderEachAnalysedOnItsOwnNodes()
    {
        var analysed = new List<int>();
        var rollout = new RolloutDriver(TwoRegions, ring => { analysed.Add(ring); return Samples.Healthy(); });
        rollout.Reconcile();
        Assert.Equal((10, 0), (rollout.Weight(0), rollout.Weight(1)));
        rollout.Reconcile(TimeSpan.FromMinutes(1));
        Assert.Equal((100, 10), (rollout.Weight(0), rollout.Weight(1)));
        Assert.IsType<Complete>(rollout.Reconcile(TimeSpan.FromMinutes(1)));

        Assert.Equal([("eu", 10), ("eu", 100), ("us", 10), ("us", 100)], rollout.Weights());
        Assert.Equal([0, 0, 1, 1], analysed);
    }

    [Theory]
    [InlineData(0, "eu")]
    [InlineData(1, "us")]
    public void Reconcile_RingFails_EveryRingRolledBack(int failingRing, string ringName)
    {
        var rollout = new RolloutDriver(TwoRegions, ring => ring == failingRing ? Samples.Erroring() : Samples.Healthy());
        var decision = rollout.Reconcile();
        if (decision is Wait) decision = rollout.Reconcile(TimeSpan.FromMinutes(1));
        if (decision is Wait) decision = rollout.Reconcile(TimeSpan.FromMinutes(1));

        var rollBack = Assert.IsType<RollBack>(decision);
        Assert.Equal((RollbackCause.AnalysisFailed, AnalysisOutcome.Fail), (rollBack.Cause, rollBack.Verdict!.Outcome));
        Assert.Contains($"ring '{ringName}'", rollBack.Reason, StringComparison.Ordinal);
        Assert.Equal((RolloutPhase.Failed, 0, 0), (rollout.State.Phase, rollout.Weight(0), rollout.Weight(1)));
    }

    [Theory]
    [InlineData(30, 29, "Wait")]
    [InlineData(30, 30, "Complete")]
    [InlineData(0, 0, "Complete")]
    public void Reconcile_TimedPause_WaitsItsDuration(int pauseSeconds, int secondsLater, string expected)
    {
        var rollout = new RolloutDriver(new RolloutStrategy([new SetWeightStep(10), new PauseStep(TimeSpan.FromSeconds(pauseSeconds)), new SetWeightStep(100)], []));
        var first = rollout.Reconcile();
        if (pauseSeconds > 0) Assert.Equal(RolloutDriver.T0.AddSeconds(pauseSeconds), Assert.IsType<Wait>(first).Until);
        Assert.Equal(expected, (pauseSeconds > 0 ? rollout.Reconcile(TimeSpan.FromSeconds(secondsLater)) : first).GetType().Name);
    }

    [Fact]
    public void Reconcile_IndefinitePause_HoldsUntilResumed()
    {
        var rollout = new RolloutDriver(new RolloutStrategy([new SetWeightStep(10), new PauseStep(null), new SetWeightStep(100)], []));
        Assert.IsType<PauseForHuman>(rollout.Reconcile());
        Assert.IsType<PauseForHuman>(rollout.Reconcile(TimeSpan.FromDays(2)));
        rollout.Request(r => r with { ResumeGeneration = 1 });
        Assert.IsType<Complete>(rollout.Reconcile());
        Assert.Equal([("all", 10), ("all", 100)], rollout.Weights());
    }

    [Fact]
    public void Reconcile_EmergencyStrategy_CompletesWithoutCanary()
    {
        var rollout = new RolloutDriver(RolloutStrategy.Immediate);
        Assert.IsType<Complete>(rollout.Reconcile());
        Assert.Equal((RolloutPhase.Succeeded, 100), (rollout.State.Phase, rollout.Weight(0)));
    }
}
