using Platform.Contracts.Rollouts;
using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

/// <summary>
/// The capability approval gate in the production step: a pending rollout whose target adds capabilities is placed on
/// no node until an admin approves; an abort before that ends it with nothing placed. Each pass is carried out on the
/// saved rollout as the Deployer's job does (step, record every transition, keep the status).
/// </summary>
public sealed class RolloutApprovalGateTests
{
    private static readonly DateTimeOffset Now = RolloutDriver.T0;
    private static readonly HashSet<string> Three = ["edge-1", "edge-2", "edge-3"];

    private static Rollout Canary(Guid? previous = null) => new()
    {
        RequestedBy = "user:alice",
        PreviousVersionId = previous ?? Guid.NewGuid(),
        Strategy = RolloutDriver.TenFiftyHundred.ToDto(),
    };

    private static RolloutObservations Seen(CapabilityApproval approval) =>
        new("2.0.0", Three, Three, _ => true, new Readiness(3, 3, null), TimeSpan.FromMinutes(5), _ => Samples.Healthy(), approval);

    /// <summary>One pass of the job on <paramref name="rollout"/>: the step on what it saw, then its transitions recorded.</summary>
    private static RolloutStepResult Pass(Rollout rollout, DateTimeOffset now)
    {
        var step = RolloutStepper.Step(rollout.ParsedStrategy(), rollout.Status, Seen(rollout.Approval) with { Requests = rollout.Requests }, now);
        foreach (var note in step.Notes) rollout.Record(note.Kind, note.Message, now);
        foreach (var transition in step.Transitions) rollout.Record(transition.Decision, transition.After, now);
        rollout.Keep(step.Status);
        return step;
    }

    [Fact]
    public void Pass_Unapproved_HoldsOnceVisiblyPlacesNothingAndCannotBegin()
    {
        var grown = Canary();
        grown.NewCapabilities = new CapabilityDiff { KeyValueStores = ["carts"] };

        var first = Pass(grown, Now);
        var again = Pass(grown, Now.AddSeconds(5));

        Assert.IsType<AwaitApproval>(first.Stop);
        Assert.IsType<AwaitApproval>(again.Stop);
        Assert.False(Assert.Single(first.Transitions).Decision.Places);
        Assert.Empty(again.Transitions);
        Assert.Equal(RolloutPhase.Pending, grown.Phase);
        Assert.Equal(["awaiting-approval"], grown.Events.Select(e => e.Kind));
        Assert.StartsWith("Waiting for a platform admin to approve capabilities the stable version did not declare (key-value store carts); nothing is placed", grown.Status.Hold!.Reason);
        Assert.Empty(grown.Status.Nodes);
        Assert.Throws<InvalidOperationException>(() => grown.Begin(Now));

        grown.Approve("admin", Now);
        var approved = Pass(grown, Now.AddSeconds(10));

        Assert.IsType<BeginRollout>(approved.Transitions[0].Decision);
        Assert.Equal((RolloutPhase.Progressing, (RolloutHold?)null), (grown.Phase, grown.Status.Hold));
        Assert.Equal(["awaiting-approval", "approved", "progressing"], grown.Events.Take(3).Select(e => e.Kind));
    }

    [Fact]
    public void Pass_ResumedButNotApproved_StillHolds()
    {
        var grown = Canary();
        grown.NewCapabilities = new CapabilityDiff { OutboundHosts = ["https://api.example.com"] };
        Pass(grown, Now);

        grown.RequestResume("alice", Now);
        var step = Pass(grown, Now.AddSeconds(1));

        Assert.IsType<AwaitApproval>(step.Stop);
        Assert.Empty(step.Transitions);
        Assert.Equal(RolloutPhase.Pending, grown.Phase);
    }

    [Fact]
    public void Pass_AbortRequestedBeforeApproval_EndsWithNothingPlaced()
    {
        var first = Canary();
        first.PreviousVersionId = null;
        first.NewCapabilities = new CapabilityDiff { Variables = ["token"] };
        Pass(first, Now);
        first.RequestAbort("alice", "wrong version", Now);

        var step = Pass(first, Now.AddSeconds(1));

        var withdrawn = Assert.IsType<Withdraw>(Assert.Single(step.Transitions).Decision);
        Assert.False(withdrawn.Places);
        Assert.Equal(RolloutPhase.Aborted, first.Phase);
        Assert.Equal("Aborted before approval: wrong version (alice). Nothing was placed on any node.", first.Message);
    }

    [Fact]
    public void Pass_FirstVersion_TheHoldSaysSo()
    {
        var first = Canary();
        first.PreviousVersionId = null;
        first.NewCapabilities = new CapabilityDiff { Variables = ["token"] };

        Pass(first, Now);

        Assert.StartsWith("Waiting for a platform admin to approve capabilities this first version declares (variable token)", first.Status.Hold!.Reason);
    }

    [Fact]
    public void Pass_NothingNew_BeginsAndGoesOnInTheSamePass()
    {
        var plain = Canary();

        var step = Pass(plain, Now);

        Assert.Equal([typeof(BeginRollout), typeof(SetCanaryWeight)], step.Transitions.Select(t => t.Decision.GetType()).Take(2));
        Assert.All(step.Transitions, t => Assert.True(t.Decision.Places));
        Assert.DoesNotContain(plain.Events, e => e.Kind == "awaiting-approval");
        Assert.Equal(RolloutPhase.Progressing, plain.Phase);
        Assert.Equal("Starting the canary: 5 steps on 1 ring(s).", plain.Events[0].Message);
    }

    [Fact]
    public void Step_Pending_BeginIsTheFirstTransition_AppliedTwiceChangesNothing()
    {
        var spec = RolloutDriver.TenFiftyHundred;

        var step = RolloutStepper.Step(spec, RolloutStatus.Requested(Now), Seen(CapabilityApproval.NothingNew), Now.AddSeconds(3));

        var begin = step.Transitions[0];
        Assert.Equal((RolloutPhase.Progressing, Now.AddSeconds(3)), (begin.After.Phase, begin.After.StepStartedAt));
        Assert.Equal(begin.After, begin.After.Apply(spec, RolloutRequests.None, begin.Decision, Now.AddSeconds(9)));
        Assert.Equal(10, step.Status.CanaryWeight(spec, 0));
    }
}
