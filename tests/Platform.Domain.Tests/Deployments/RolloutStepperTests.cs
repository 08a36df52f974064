using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Planning;
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

    private static RolloutProgress Start() => RolloutProgress.Start(RolloutDriver.TenFiftyHundred, T0);

    [Fact]
    public void Step_TargetNotLoadedOnEveryNode_HoldsTheFirstWeightAndSaysHowFar()
    {
        var step = RolloutStepper.Step(Start(), T0, Seen(new Readiness(3, 1, null)));

        Assert.Empty(step.Transitions);
        Assert.IsType<Wait>(step.Stop);
        Assert.Equal("1 of 3 online nodes have loaded 2.0.0.", step.Report);
        Assert.Equal((T0, 0), (step.Status.NotReadySince, step.Status.CanaryWeight(0)));
        // Still loading a minute later: the wait keeps its start, so the timeout counts from the first look.
        var later = RolloutStepper.Step(step.Status, T0.AddMinutes(1), Seen(new Readiness(3, 2, null)));
        Assert.Equal(T0, later.Status.NotReadySince);
    }

    [Fact]
    public void Step_LoadedEverywhere_SetsTheWeightAndForgetsTheWait()
    {
        var waiting = RolloutStepper.Step(Start(), T0, Seen(new Readiness(3, 1, null))).Status;

        var step = RolloutStepper.Step(waiting, T0.AddSeconds(5), Seen(new Readiness(3, 3, null)));

        var weight = Assert.IsType<SetCanaryWeight>(step.Transitions[0].Decision);
        Assert.Equal(10, weight.Percent);
        Assert.Null(step.Status.NotReadySince);
        Assert.Equal(10, step.Status.CanaryWeight(0));
    }

    [Fact]
    public void Step_NotLoadedWithinTheTimeout_RollsBackSayingHowFarItGot()
    {
        var waiting = Start() with { NotReadySince = T0 };

        var step = RolloutStepper.Step(waiting, T0 + Timeout + TimeSpan.FromSeconds(1), Seen(new Readiness(3, 2, null)));

        var rollBack = Assert.IsType<RollBack>(Assert.Single(step.Transitions).Decision);
        Assert.StartsWith("Timed out: 2 of 3 online nodes had loaded 2.0.0 after 300 s.", rollBack.Reason, StringComparison.Ordinal);
        Assert.Equal((RolloutPhase.Failed, 0), (step.Status.Phase, step.Status.CanaryWeight(0)));
    }

    [Fact]
    public void Step_ANodeCannotLoadTheTarget_RollsBackNamingIt()
    {
        var step = RolloutStepper.Step(Start(), T0, Seen(new Readiness(3, 2, "edge-2: 2.0.0: the component imports what it did not declare")));

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

        var step = RolloutStepper.Step(RolloutProgress.Start(twoRegions, T0), T0, seen);

        Assert.All(step.Transitions.Take(3), t => Assert.Contains("Ring 'eu' has no node this service is placed on", t.Decision.Message, StringComparison.Ordinal));
        Assert.Equal((100, 10), (step.Status.CanaryWeight(0), step.Status.CanaryWeight(1)));
        Assert.DoesNotContain(0, analysed);
    }

    [Fact]
    public void Step_AnalysisGathering_StopsOnTheWaitWithTheWindowSoFar()
    {
        var weighted = RolloutStepper.Step(Start(), T0, Seen(new Readiness(3, 3, null))).Status;

        var step = RolloutStepper.Step(weighted, T0.AddSeconds(10), Seen(new Readiness(3, 3, null)));

        Assert.Empty(step.Transitions);
        var wait = Assert.IsType<Wait>(step.Stop);
        Assert.Equal(T0 + RolloutDriver.Quick.Duration, wait.Until);
        Assert.NotNull(step.Look);
        Assert.Equal((0, T0), (step.Look.Request.Ring, step.Look.Request.WindowStart));
        Assert.NotEqual(AnalysisOutcome.Fail, step.Look.Verdict.Outcome);
        Assert.Equal(10, step.Status.CanaryWeight(0));
    }

    [Theory]
    [InlineData(NodeLossPolicy.Pause)]
    [InlineData(NodeLossPolicy.Continue)]
    public void Step_NodeGoesSilent_ExcludedAndHeldOnlyWhenThePolicySaysPause(NodeLossPolicy policy)
    {
        var strategy = RolloutDriver.TenFiftyHundred with { OnNodeLoss = policy };
        var started = RolloutStepper.Step(RolloutProgress.Start(strategy, T0), T0, Seen(new Readiness(3, 3, null))).Status;
        Assert.Equal(["edge-1", "edge-2", "edge-3"], started.Nodes);

        var step = RolloutStepper.Step(started, T0.AddSeconds(20), Seen(new Readiness(2, 2, null), online: new HashSet<string> { "edge-1", "edge-3" }));

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
        Assert.Equal(10, step.Status.CanaryWeight(0));
    }

    [Fact]
    public void Step_LostNodeBack_NotedOnceAndCountedAgain()
    {
        var lost = Start() with { Nodes = ["edge-1", "edge-2", "edge-3"], LostNodes = ["edge-2"] };

        var step = RolloutStepper.Step(lost, T0, Seen(new Readiness(3, 3, null)));
        var again = RolloutStepper.Step(step.Status, T0.AddSeconds(2), Seen(new Readiness(3, 3, null)));

        Assert.Equal(("node-back", "Node edge-2 is heartbeating again; it converges to the current weights."), (step.Notes[0].Kind, step.Notes[0].Message));
        Assert.Empty(step.Status.LostNodes);
        Assert.Empty(again.Notes);
    }

    [Fact]
    public void Step_NodeNoLongerPlaced_ForgottenWithoutCountingAsLost()
    {
        var running = Start() with { Nodes = ["edge-1", "edge-2", "edge-3"] };
        var twoPlaced = new HashSet<string> { "edge-1", "edge-3" };

        var step = RolloutStepper.Step(running, T0, Seen(new Readiness(2, 2, null), online: twoPlaced, placed: twoPlaced));

        Assert.Equal("node-unplaced", Assert.Single(step.Notes).Kind);
        Assert.Equal(["edge-1", "edge-3"], step.Status.Nodes);
        Assert.Empty(step.Status.LostNodes);
        Assert.Null(step.Status.Hold);
    }
}
