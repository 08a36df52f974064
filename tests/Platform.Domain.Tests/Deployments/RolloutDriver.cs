using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Tests.Deployments;

/// <summary>
/// Plays the Deployer job against the pure planner: decide, gather metrics when asked, apply, go on while
/// the decision says so. Checks on every turn that deciding and applying twice changes nothing.
/// </summary>
internal sealed class RolloutDriver(RolloutStrategy strategy, Func<int, AnalysisInput> traffic)
{
    public static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly AnalysisSpec Quick = AnalysisSpec.Default with { Duration = TimeSpan.FromMinutes(1) };

    public static RolloutStrategy TenFiftyHundred { get; } = new(
        [new SetWeightStep(10), new AnalysisStep(Quick), new SetWeightStep(50), new AnalysisStep(Quick), new SetWeightStep(100)], []);

    public RolloutProgress State { get; private set; } = RolloutProgress.Start(strategy, T0);

    public DateTimeOffset Now { get; private set; } = T0;

    public List<RolloutDecision> Log { get; } = [];

    public RolloutDriver(RolloutStrategy strategy) : this(strategy, _ => Samples.Healthy())
    {
    }

    /// <summary>One run of the job at <see cref="Now"/> plus <paramref name="later"/>; returns the decision it stopped on.</summary>
    public RolloutDecision Reconcile(TimeSpan later = default)
    {
        Now += later;
        for (var turn = 0; turn < 100; turn++)
        {
            AnalysisInput? metrics = null;
            var decision = RolloutPlanner.Decide(State, Now, null);
            if (decision is RunAnalysis run)
            {
                metrics = traffic(run.Ring);
                decision = RolloutPlanner.Decide(State, Now, metrics);
            }
            Assert.Equal(decision, RolloutPlanner.Decide(State, Now, metrics));
            Log.Add(decision);
            var next = State.Apply(decision, Now);
            Assert.Equal(next, next.Apply(decision, Now));
            State = next;
            if (!decision.ReconcileAgain) return decision;
        }
        throw new InvalidOperationException("The reconcile loop did not stop.");
    }

    /// <summary>Changes what people asked for, as the API would.</summary>
    public void Request(Func<RolloutRequests, RolloutRequests> change) => State = State with { Requests = change(State.Requests) };

    public IEnumerable<(string Ring, int Percent)> Weights() =>
        Log.OfType<SetCanaryWeight>().Select(w => (w.RingName, w.Percent));
}
