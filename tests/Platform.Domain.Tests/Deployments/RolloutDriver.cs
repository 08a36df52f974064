using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

/// <summary>
/// Plays the Deployer job with the production <see cref="RolloutStepper"/>: each <see cref="Reconcile"/> is one
/// pass, with the traffic of the analysed ring when the step asks for it.
/// </summary>
internal sealed class RolloutDriver(RolloutStrategy strategy, Func<int, AnalysisInput> traffic)
{
    public static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly AnalysisSpec Quick = AnalysisSpec.Default with { Duration = TimeSpan.FromMinutes(1) };

    public static RolloutStrategy TenFiftyHundred { get; } = new(
        [new SetWeightStep(10), new AnalysisStep(Quick), new SetWeightStep(50), new AnalysisStep(Quick), new SetWeightStep(100)], []);

    private static readonly HashSet<string> Fleet = ["edge-1", "edge-2", "edge-3"];

    public RolloutStatus State { get; private set; } = RolloutStatus.Start(T0);

    /// <summary>What people asked for, as the API writes it (see <see cref="Request"/>).</summary>
    public RolloutRequests Requests { get; private set; } = RolloutRequests.None;

    public DateTimeOffset Now { get; private set; } = T0;

    public List<RolloutDecision> Log { get; } = [];

    public RolloutDriver(RolloutStrategy strategy) : this(strategy, _ => Samples.Healthy())
    {
    }

    /// <summary>
    /// One pass of the job at <see cref="Now"/> plus <paramref name="later"/>: the production step on a fleet whose
    /// nodes have all loaded the target; returns the decision it stopped on. Checks that stepping again from the same
    /// status decides the same, and that applying each transition twice changes nothing.
    /// </summary>
    public RolloutDecision Reconcile(TimeSpan later = default)
    {
        Now += later;
        // One pass reads the heartbeats once: the same window asked again gives the same samples.
        var windows = new Dictionary<RunAnalysis, AnalysisInput>();
        var seen = new RolloutObservations("2.0.0", Fleet, Fleet, _ => true, new Readiness(3, 3, null), TimeSpan.FromMinutes(5),
            window => windows.TryGetValue(window, out var input) ? input : windows[window] = traffic(window.Ring), CapabilityApproval.NothingNew, Requests);
        var step = RolloutStepper.Step(strategy, State, seen, Now);
        var again = RolloutStepper.Step(strategy, State, seen, Now);
        Assert.Equal(step.Transitions.Select(t => t.Decision), again.Transitions.Select(t => t.Decision));
        Assert.Equal(step.Stop, again.Stop);
        foreach (var transition in step.Transitions)
        {
            Assert.Equal(transition.After, transition.After.Apply(strategy, Requests, transition.Decision, Now) with { NotReadySince = null });
            Log.Add(transition.Decision);
        }
        if (step.Transitions.Count == 0 || step.Stop != step.Transitions[^1].Decision)
        {
            Log.Add(step.Stop);
        }
        State = step.Status;
        return step.Stop;
    }

    /// <summary>Changes what people asked for, as the API would.</summary>
    public void Request(Func<RolloutRequests, RolloutRequests> change) => Requests = change(Requests);

    /// <summary>The canary's weight on <paramref name="ring"/> in the current state.</summary>
    public int Weight(int ring) => State.CanaryWeight(strategy, ring);

    public IEnumerable<(string Ring, int Percent)> Weights() =>
        Log.OfType<SetCanaryWeight>().Select(w => (w.RingName, w.Percent));
}
