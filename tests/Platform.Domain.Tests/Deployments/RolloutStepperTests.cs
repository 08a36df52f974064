using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

/// <summary>The production step on what the Deployer observed: readiness of the target and rings without placed nodes.</summary>
public sealed class RolloutStepperTests
{
    private static readonly DateTimeOffset T0 = RolloutDriver.T0;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static readonly HashSet<string> Three = ["edge-1", "edge-2", "edge-3"];

    private static RolloutObservations Seen(Readiness readiness, IReadOnlySet<string>? online = null, IReadOnlySet<string>? placed = null) =>
        new("2.0.0", placed ?? Three, online ?? Three, _ => true, readiness, Timeout, _ => Samples.Healthy(), CapabilityApproval.NothingNew);

    private static readonly RolloutStrategy Spec = RolloutDriver.TenFiftyHundred;

    private static RolloutStatus Start() => RolloutStatus.Start(T0);

    [Fact]
    public void Step_TargetNotLoadedOnEveryNode_HoldsTheFirstWeightAndSaysHowFar()
    {
        var step = RolloutStepper.Step(Spec, Start(), Seen(new Readiness(3, 1, null)), T0);

        Assert.Empty(step.Transitions);
        Assert.IsType<Wait>(step.Stop);
        Assert.Equal("1 of 3 online nodes have loaded 2.0.0.", step.Report);
        Assert.Equal((T0, 0), (step.Status.NotReadySince, step.Status.CanaryWeight(Spec, 0)));
        // Still loading a minute later: the wait keeps its start, so the timeout counts from the first look.
        var later = RolloutStepper.Step(Spec, step.Status, Seen(new Readiness(3, 2, null)), T0.AddMinutes(1));
        Assert.Equal(T0, later.Status.NotReadySince);
    }

    [Fact]
    public void Step_LoadedEverywhere_SetsTheWeightAndForgetsTheWait()
    {
        var waiting = RolloutStepper.Step(Spec, Start(), Seen(new Readiness(3, 1, null)), T0).Status;

        var step = RolloutStepper.Step(Spec, waiting, Seen(new Readiness(3, 3, null)), T0.AddSeconds(5));

        var weight = Assert.IsType<SetCanaryWeight>(step.Transitions[0].Decision);
        Assert.Equal(10, weight.Percent);
        Assert.Null(step.Status.NotReadySince);
        Assert.Equal(10, step.Status.CanaryWeight(Spec, 0));
    }

    [Fact]
    public void Step_NotLoadedWithinTheTimeout_RollsBackSayingHowFarItGot()
    {
        var waiting = Start() with { NotReadySince = T0 };

        var step = RolloutStepper.Step(Spec, waiting, Seen(new Readiness(3, 2, null)), T0 + Timeout + TimeSpan.FromSeconds(1));

        var rollBack = Assert.IsType<RollBack>(Assert.Single(step.Transitions).Decision);
        Assert.StartsWith("Timed out: 2 of 3 online nodes had loaded 2.0.0 after 300 s.", rollBack.Reason, StringComparison.Ordinal);
        Assert.Equal((RolloutPhase.Failed, 0), (step.Status.Phase, step.Status.CanaryWeight(Spec, 0)));
    }

    [Fact]
    public void Step_ANodeCannotLoadTheTarget_RollsBackNamingIt()
    {
        var step = RolloutStepper.Step(Spec, Start(), Seen(new Readiness(3, 2, "edge-2: 2.0.0: the component imports what it did not declare")), T0);

        var rollBack = Assert.IsType<RollBack>(Assert.Single(step.Transitions).Decision);
        Assert.Contains("A node could not load 2.0.0: edge-2", rollBack.Reason, StringComparison.Ordinal);
        Assert.Equal(RolloutPhase.Failed, step.Status.Phase);
    }

    [Fact]
    public void Step_RingWithoutPlacedNodes_ItsStepsPassAndTheNextRingStarts()
    {
        var twoRegions = new RolloutStrategy(
            [new SetWeightStep(10), new AnalysisStep(RolloutDriver.Quick), new SetWeightStep(100)],
            [new RingSpec("eu", "region", ["eu-west"]), new RingSpec("us", "region", ["us-east"])]);
        var analysed = new List<int>();
        var seen = new RolloutObservations("2.0.0", Three, Three, ring => ring == 1, new Readiness(1, 1, null), Timeout,
            window => { analysed.Add(window.Ring); return Samples.Healthy(); }, CapabilityApproval.NothingNew);

        var step = RolloutStepper.Step(twoRegions, RolloutStatus.Start(T0), seen, T0);

        Assert.All(step.Transitions.Take(3), t => Assert.Contains("Ring 'eu' has no node this service is placed on", t.Decision.Message, StringComparison.Ordinal));
        Assert.Equal((100, 10), (step.Status.CanaryWeight(twoRegions, 0), step.Status.CanaryWeight(twoRegions, 1)));
        Assert.DoesNotContain(0, analysed);
    }

    [Fact]
    public void Step_AnalysisGathering_StopsOnTheWaitWithTheWindowSoFar()
    {
        var weighted = RolloutStepper.Step(Spec, Start(), Seen(new Readiness(3, 3, null)), T0).Status;

        var step = RolloutStepper.Step(Spec, weighted, Seen(new Readiness(3, 3, null)), T0.AddSeconds(10));

        Assert.Empty(step.Transitions);
        var wait = Assert.IsType<Wait>(step.Stop);
        Assert.Equal(T0 + RolloutDriver.Quick.Duration, wait.Until);
        Assert.NotNull(step.Look);
        Assert.Equal((0, T0), (step.Look.Request.Ring, step.Look.Request.WindowStart));
        Assert.NotEqual(AnalysisOutcome.Fail, step.Look.Verdict.Outcome);
        Assert.Equal(10, step.Status.CanaryWeight(Spec, 0));
    }

    [Theory]
    [InlineData(NodeLossPolicy.Pause)]
    [InlineData(NodeLossPolicy.Continue)]
    public void Step_NodeGoesSilent_ExcludedAndHeldOnlyWhenThePolicySaysPause(NodeLossPolicy policy)
    {
        var strategy = RolloutDriver.TenFiftyHundred with { OnNodeLoss = policy };
        var started = RolloutStepper.Step(strategy, RolloutStatus.Start(T0), Seen(new Readiness(3, 3, null)), T0).Status;
        Assert.Equal(["edge-1", "edge-2", "edge-3"], started.Nodes);

        var step = RolloutStepper.Step(strategy, started, Seen(new Readiness(2, 2, null), online: new HashSet<string> { "edge-1", "edge-3" }), T0.AddSeconds(20));

        Assert.Equal(["edge-2"], step.Status.LostNodes);
        var note = Assert.Single(step.Notes);
        Assert.StartsWith("Node edge-2 stopped heartbeating and is excluded from the rollout", note.Message, StringComparison.Ordinal);
        if (policy == NodeLossPolicy.Pause)
        {
            Assert.Equal("paused", note.Kind);
            Assert.NotNull(step.Status.Hold);
            Assert.IsType<PauseForHuman>(step.Stop);
            Assert.Empty(step.Transitions);
        }
        else
        {
            Assert.Equal("node-lost", note.Kind);
            Assert.Null(step.Status.Hold);
        }
        Assert.Equal(10, step.Status.CanaryWeight(Spec, 0));
    }

    [Fact]
    public void Step_LostNodeBack_NotedOnceAndCountedAgain()
    {
        var lost = Start() with { Nodes = ["edge-1", "edge-2", "edge-3"], LostNodes = ["edge-2"] };

        var step = RolloutStepper.Step(Spec, lost, Seen(new Readiness(3, 3, null)), T0);
        var again = RolloutStepper.Step(Spec, step.Status, Seen(new Readiness(3, 3, null)), T0.AddSeconds(2));

        Assert.Equal(("node-back", "Node edge-2 is heartbeating again; it converges to the current weights."), (step.Notes[0].Kind, step.Notes[0].Message));
        Assert.Empty(step.Status.LostNodes);
        Assert.Empty(again.Notes);
    }

    [Fact]
    public void Step_NodeNoLongerPlaced_ForgottenWithoutCountingAsLost()
    {
        var running = Start() with { Nodes = ["edge-1", "edge-2", "edge-3"] };
        var twoPlaced = new HashSet<string> { "edge-1", "edge-3" };

        var step = RolloutStepper.Step(Spec, running, Seen(new Readiness(2, 2, null), online: twoPlaced, placed: twoPlaced), T0);

        Assert.Equal("node-unplaced", Assert.Single(step.Notes).Kind);
        Assert.Equal(["edge-1", "edge-3"], step.Status.Nodes);
        Assert.Empty(step.Status.LostNodes);
        Assert.Null(step.Status.Hold);
    }
}
