using Platform.Contracts.Rollouts;
using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

/// <summary>The saved rollout: intent written by people, status recorded from the planner's decisions.</summary>
public sealed class RolloutEntityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static Rollout Canary(Guid? previous = null) => new()
    {
        RequestedBy = "user:alice",
        PreviousVersionId = previous ?? Guid.NewGuid(),
        Strategy = RolloutStrategy.Default.ToDto(),
    };

    [Fact]
    public void Intents_ReachThePlannerAsRequests()
    {
        var rollout = Canary();
        rollout.Begin(Now);
        rollout.RequestPause("alice", Now);
        rollout.RequestResume("alice", Now);
        rollout.RequestPromote("alice", Now);
        rollout.RequestAbort("alice", "bad build", Now);

        var requests = rollout.Requests;

        Assert.Equal(new RolloutRequests(false, 1, true, "bad build (alice)"), requests);
        Assert.Equal(["progressing", "pause-requested", "resume-requested", "promote-requested", "abort-requested"], rollout.Events.Select(e => e.Kind));
    }

    [Fact]
    public void RequestAbort_Twice_KeepsTheFirstReasonAndOneEvent()
    {
        var rollout = Canary();
        rollout.RequestAbort("alice", "first", Now);
        rollout.RequestAbort("bob", "second", Now);

        Assert.Equal("first (alice)", rollout.AbortReason);
        Assert.Single(rollout.Events, e => e.Kind == "abort-requested");
    }

    [Fact]
    public void Operations_OnAFinishedRollout_AreRefusedWithTheReason()
    {
        var rollout = Canary();
        rollout.Succeed("Done.", Now);

        var error = Assert.Throws<DomainException>(() => rollout.RequestPromote("alice", Now));

        Assert.Equal("The rollout has already finished (succeeded); it cannot be promoted.", error.Message);
    }

    [Fact]
    public void Approve_WithoutNewCapabilities_IsRefused_WithThemCountsAsAResume()
    {
        var plain = Canary();
        Assert.Throws<DomainException>(() => plain.Approve("admin", Now));

        var grown = Canary();
        grown.NewCapabilities = new CapabilityDiff { OutboundHosts = ["https://api.example.com"] };
        Assert.True(grown.AwaitsApproval);
        grown.Approve("admin", Now);

        Assert.False(grown.AwaitsApproval);
        Assert.Equal(1, grown.ResumeGeneration);
    }

    [Theory]
    [InlineData(true, RolloutPhase.Aborted, "Every node serves the stable version again.")]
    [InlineData(false, RolloutPhase.Aborted, "Nothing was running before; the service is undeployed.")]
    public void Record_Rollback_FinishesAndSaysWhereTheFleetIs(bool hadStable, RolloutPhase phase, string suffix)
    {
        var rollout = new Rollout { RequestedBy = "user:alice", PreviousVersionId = hadStable ? Guid.NewGuid() : null, Strategy = RolloutStrategy.Default.ToDto() };
        rollout.Begin(Now);
        var decision = new RollBack("Aborted: testing", RollbackCause.Aborted, null);

        rollout.Record(decision, rollout.Status.Apply(rollout.ParsedStrategy(), rollout.Requests, decision, Now), Now);

        Assert.Equal(phase, rollout.Phase);
        Assert.EndsWith(suffix, rollout.Message);
        Assert.Equal(Now, rollout.CompletedAt);
    }

    [Fact]
    public void ParsedStrategy_SavedWithoutSteps_IsImmediateKeepingItsRings()
    {
        var rollout = new Rollout
        {
            RequestedBy = "user:alice",
            Strategy = new RolloutStrategyDto { Steps = [], Rings = [new RingDto { Name = "eu", LabelKey = "region", Values = ["eu-west"] }] },
        };

        var strategy = rollout.ParsedStrategy();

        Assert.Empty(strategy.Steps);
        Assert.Equal("eu", Assert.Single(strategy.Rings).Name);
    }

    [Fact]
    public void CanaryWeightOn_PicksTheNodesRing_AndNodesNoRingSelectsJoinTheLast()
    {
        var strategy = new RolloutStrategy([], [new RingSpec("eu", "region", ["eu-west"]), new RingSpec("us", "region", ["us-east"])]);
        var deployment = new ServiceDeployment { StableVersionId = Guid.NewGuid() };
        deployment.SplitWith(Guid.NewGuid(), strategy, [100, 25], Now);

        Assert.Equal(100, deployment.CanaryWeightOn(new Dictionary<string, string> { ["region"] = "eu-west" }));
        Assert.Equal(25, deployment.CanaryWeightOn(new Dictionary<string, string> { ["region"] = "us-east" }));
        Assert.Equal(25, deployment.CanaryWeightOn(new Dictionary<string, string> { ["region"] = "ap-south" }));

        deployment.ServeOnly(Guid.NewGuid(), Now);
        Assert.Equal(0, deployment.CanaryWeightOn(new Dictionary<string, string> { ["region"] = "eu-west" }));
    }
}
