using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

/// <summary>Whole canaries, driven the way the Deployer job drives the planner.</summary>
public sealed class RolloutScenarioTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Reconcile_HealthyCanary_TenFiftyHundredThenComplete()
    {
        var rollout = new RolloutDriver(RolloutDriver.TenFiftyHundred);
        Assert.IsType<Wait>(rollout.Reconcile());
        Assert.Equal(10, rollout.Weight(0));
        Assert.IsType<Wait>(rollout.Reconcile(Minute));
        Assert.Equal(50, rollout.Weight(0));
        Assert.IsType<Complete>(rollout.Reconcile(Minute));

        Assert.Equal([("all", 10), ("all", 50), ("all", 100)], rollout.Weights());
        Assert.Equal(
            ["SetCanaryWeight", "Wait", "Advance", "SetCanaryWeight", "Wait", "Advance", "SetCanaryWeight", "Complete"],
            rollout.Log.Select(d => d.GetType().Name));
        Assert.Equal((RolloutPhase.Succeeded, AnalysisOutcome.Pass), (rollout.State.Phase, rollout.State.LastVerdict!.Outcome));
    }

    [Theory]
    [InlineData("erroring", RolloutPhase.Failed, "Analysis failed on ring 'all': Error rate: canary 8%")]
    [InlineData("slow", RolloutPhase.Failed, "Analysis failed on ring 'all': Latency: canary is slower")]
    [InlineData("sparse", RolloutPhase.Progressing, "Analysis inconclusive on ring 'all': Error rate: too few requests")]
    public void Reconcile_BadOrThinTraffic_RollsBackOrPausesAndSaysWhy(string traffic, RolloutPhase phase, string message)
    {
        var input = traffic switch { "erroring" => Samples.Erroring(), "slow" => Samples.Slow(), _ => Samples.Sparse() };
        var rollout = new RolloutDriver(RolloutDriver.TenFiftyHundred, _ => input);
        var decision = rollout.Reconcile();
        if (decision is Wait) decision = rollout.Reconcile(Minute);

        Assert.StartsWith(message, decision.Message, StringComparison.Ordinal);
        Assert.Equal(phase, rollout.State.Phase);
        Assert.Equal(phase == RolloutPhase.Failed ? 0 : 10, rollout.Weight(0));
        Assert.Equal([("all", 10)], rollout.Weights());
        Assert.Equal(decision, rollout.Reconcile(Minute));
    }

    [Fact]
    public void Reconcile_InconclusiveThenResumed_AnalysesAFreshWindowAndGoesOn()
    {
        var traffic = Samples.Sparse();
        var rollout = new RolloutDriver(RolloutDriver.TenFiftyHundred, _ => traffic);
        rollout.Reconcile();
        var held = Assert.IsType<PauseForHuman>(rollout.Reconcile(Minute));
        Assert.Equal(AnalysisOutcome.Inconclusive, held.Verdict!.Outcome);
        Assert.Equal(held.Reason, rollout.Reconcile(TimeSpan.FromHours(1)).Message);

        traffic = Samples.Healthy();
        rollout.Request(r => r with { ResumeGeneration = r.ResumeGeneration + 1 });
        var wait = Assert.IsType<Wait>(rollout.Reconcile());
        Assert.Equal(rollout.Now + Minute, wait.Until);
        Assert.IsType<Wait>(rollout.Reconcile(Minute));
        Assert.Equal([("all", 10), ("all", 50)], rollout.Weights());
    }

    [Theory]
    [InlineData("analysing")]
    [InlineData("held")]
    [InlineData("paused")]
    public void Reconcile_PromoteRequested_FullRolloutNow(string when)
    {
        var rollout = Started(when);
        rollout.Request(r => r with { PromoteRequested = true });
        Assert.IsType<Complete>(rollout.Reconcile());
        Assert.IsType<Promote>(rollout.Log[^2]);
        Assert.Equal((RolloutPhase.Succeeded, 100), (rollout.State.Phase, rollout.Weight(0)));
    }

    [Theory]
    [InlineData("analysing")]
    [InlineData("held")]
    [InlineData("paused")]
    public void Reconcile_AbortRequested_RollsBackEverywhere(string when)
    {
        var rollout = Started(when);
        rollout.Request(r => r with { AbortReason = "wrong config", PromoteRequested = true });
        var rollBack = Assert.IsType<RollBack>(rollout.Reconcile());
        Assert.Equal(("Aborted: wrong config", RollbackCause.Aborted), (rollBack.Reason, rollBack.Cause));
        Assert.Equal((RolloutPhase.Aborted, 0), (rollout.State.Phase, rollout.Weight(0)));
    }

    [Fact]
    public void Reconcile_PausedThenResumed_StandsStillThenStartsTheStepAgain()
    {
        var rollout = Started("paused");
        Assert.Equal("Paused on request.", rollout.Reconcile(TimeSpan.FromHours(1)).Message);
        rollout.Request(r => r with { ResumeGeneration = r.ResumeGeneration + 1 });
        Assert.IsType<PauseForHuman>(rollout.Reconcile());
        rollout.Request(r => r with { PauseRequested = false });
        Assert.IsType<Wait>(rollout.Reconcile());
        Assert.IsType<Resume>(rollout.Log[^2]);
        Assert.IsType<Wait>(rollout.Reconcile(Minute));
        Assert.IsType<Complete>(rollout.Reconcile(Minute));
    }

    private static RolloutDriver Started(string when)
    {
        var rollout = new RolloutDriver(RolloutDriver.TenFiftyHundred, _ => when == "held" ? Samples.Sparse() : Samples.Healthy());
        rollout.Reconcile();
        if (when == "held") Assert.IsType<PauseForHuman>(rollout.Reconcile(Minute));
        if (when == "paused")
        {
            rollout.Request(r => r with { PauseRequested = true });
            Assert.IsType<PauseForHuman>(rollout.Reconcile());
        }
        return rollout;
    }
}
