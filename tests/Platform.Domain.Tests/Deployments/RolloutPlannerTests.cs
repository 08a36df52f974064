using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

public sealed class RolloutPlannerTests
{
    private static readonly DateTimeOffset T0 = RolloutDriver.T0;

    /// <summary>The planner's inputs for one case: the spec, the status and what people asked.</summary>
    public sealed record Case(RolloutStrategy Spec, RolloutStatus Status, RolloutRequests Requests)
    {
        public Case With(Func<RolloutStatus, RolloutStatus> change) => this with { Status = change(Status) };

        public RolloutDecision Decide(DateTimeOffset now, AnalysisInput? metrics) => RolloutPlanner.Decide(Spec, Status, Requests, now, metrics);
    }

    private static Case At(int step, RolloutRequests? requests = null, RolloutStrategy? strategy = null) =>
        new(strategy ?? Paused, RolloutStatus.Start(T0) with { Step = step }, requests ?? RolloutRequests.None);

    private static readonly RolloutStrategy Paused = new(
        [new SetWeightStep(10), new AnalysisStep(RolloutDriver.Quick), new PauseStep(TimeSpan.FromSeconds(30)), new PauseStep(null), new SetWeightStep(100)], []);

    public static TheoryData<string, Case, int, RolloutDecision> Decisions => new()
    {
        { "first step sets the weight", At(0), 0, new SetCanaryWeight(0, "all", 0, 10) },
        { "analysis asks for metrics so far", At(1), 20, new RunAnalysis(0, "all", T0, T0.AddSeconds(20)) },
        { "analysis window is capped at its end", At(1), 90, new RunAnalysis(0, "all", T0, T0.AddSeconds(60)) },
        { "timed pause waits", At(2), 10, new Wait(T0.AddSeconds(30), "Pausing on ring 'all' until 2025-06-01 12:00:30Z.") },
        { "timed pause over", At(2), 30, new Advance(0, 2, "Paused 30 s on ring 'all'.", null) },
        { "indefinite pause holds", At(3), 0, new PauseForHuman("Step 4 on ring 'all' waits until resumed or promoted.", null) },
        { "pause requested", At(0, RolloutRequests.None with { PauseRequested = true }), 0, new PauseForHuman("Paused on request.", null) },
        { "promote skips the rest", At(1, RolloutRequests.None with { PromoteRequested = true }), 0, new Promote("Promoted: remaining steps skipped, 100% on every node.") },
        { "abort wins over promote", At(1, new RolloutRequests(true, 0, true, "bad build")), 0, new RollBack("Aborted: bad build", RollbackCause.Aborted, null) },
        { "past the last ring", At(0).With(s => s with { Ring = 1 }), 0, new Complete("The target version now serves every node.") },
        { "no steps: emergency rollout", At(0, strategy: RolloutStrategy.Immediate), 0, new Complete("Rolled out to every node at once, without a canary.") },
        { "held, no resume yet", At(1).With(s => s with { Hold = new RolloutHold("Analysis inconclusive.", T0, 0) }), 0, new PauseForHuman("Analysis inconclusive.", null) },
        { "held, resumed", At(1, RolloutRequests.None with { ResumeGeneration = 1 }).With(s => s with { Hold = new RolloutHold("x", T0, 0) }), 5, new Resume(0, 1) },
        { "held, resumed but pause still requested", At(1, new RolloutRequests(true, 1, false, null)).With(s => s with { Hold = new RolloutHold("x", T0, 0) }), 5, new PauseForHuman("x", null) },
        { "resume older than the hold", At(1, RolloutRequests.None with { ResumeGeneration = 1 }).With(s => s with { Hold = new RolloutHold("x", T0, 1) }), 5, new PauseForHuman("x", null) },
        { "indefinite pause resumed", At(3, RolloutRequests.None with { ResumeGeneration = 1 }).With(s => s with { Hold = new RolloutHold("x", T0, 0) }), 5, new Advance(0, 3, "Resumed: the pause step is over.", null) },
        { "finished stays finished", At(0).With(s => s with { Phase = RolloutPhase.Aborted, EndReason = "Aborted: x" }), 0, new RollBack("Aborted: x", RollbackCause.Aborted, null) },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Decide_State_Decision(string scenario, Case state, int secondsLater, RolloutDecision expected)
    {
        var decision = state.Decide(T0.AddSeconds(secondsLater), null);
        Assert.True(expected == decision, $"{scenario}: expected {expected}, got {decision}");
    }

    [Theory]
    [InlineData("erroring", 10, "RollBack")]   // a clear failure ends the window early
    [InlineData("slow", 10, "RollBack")]
    [InlineData("healthy", 10, "Wait")]        // a pass must wait for the whole window
    [InlineData("sparse", 10, "Wait")]
    [InlineData("healthy", 60, "Advance")]
    [InlineData("sparse", 60, "PauseForHuman")]
    [InlineData("erroring", 60, "RollBack")]
    public void Decide_AnalysisWithMetrics_ByVerdictAndWindow(string traffic, int secondsLater, string expected)
    {
        var input = traffic switch
        {
            "erroring" => Samples.Erroring(),
            "slow" => Samples.Slow(),
            "sparse" => Samples.Sparse(),
            _ => Samples.Healthy(),
        };
        var decision = At(1).Decide(T0.AddSeconds(secondsLater), input);
        Assert.Equal(expected, decision.GetType().Name);
        // Every decision on a window carries the verdict it was made on (the job shows it; it never judges twice).
        Assert.Equal(CanaryJudge.Judge(input, RolloutDriver.Quick).Outcome, decision.Analysis!.Outcome);
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(0, 1, 10, 0)]
    [InlineData(1, 0, 100, 0)]
    [InlineData(1, 2, 100, 10)]
    [InlineData(1, 3, 100, 50)]
    [InlineData(2, 0, 100, 100)]
    public void CanaryWeight_Position_PassedRingsFullLaterRingsNone(int ring, int step, int ring0, int ring1)
    {
        var strategy = new RolloutStrategy([new SetWeightStep(10), new PauseStep(null), new SetWeightStep(50)],
            [new RingSpec("eu", "region", ["eu"]), new RingSpec("us", "region", ["us"])]);
        var state = RolloutStatus.Start(T0) with { Ring = ring, Step = step };
        Assert.Equal((ring0, ring1), (state.CanaryWeight(strategy, 0), state.CanaryWeight(strategy, 1)));
    }

    [Theory]
    [InlineData(RolloutPhase.Succeeded, 100)]
    [InlineData(RolloutPhase.Failed, 0)]
    [InlineData(RolloutPhase.Aborted, 0)]
    public void CanaryWeight_Finished_EverythingOrNothing(RolloutPhase phase, int expected) =>
        Assert.Equal(expected, (RolloutStatus.Start(T0) with { Step = 3, Phase = phase }).CanaryWeight(Paused, 0));

    [Fact]
    public void Apply_DecisionForAnotherStep_ChangesNothing()
    {
        var state = At(2).Status;
        Assert.Same(state, state.Apply(Paused, RolloutRequests.None, new SetCanaryWeight(0, "all", 0, 10), T0));
        Assert.Same(state, state.Apply(Paused, RolloutRequests.None, new Advance(0, 1, "stale", null), T0));
    }
}
