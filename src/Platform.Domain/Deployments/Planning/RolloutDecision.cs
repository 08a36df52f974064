using Platform.Domain.Deployments.Analysis;

namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// What <see cref="RolloutPlanner.Decide"/> wants done next. Side effects are absolute, so doing one twice
/// is harmless; the state change is <see cref="Status.RolloutStatus.Apply"/>, which ignores a decision made for
/// another position, so applying one twice is harmless too.
/// </summary>
public abstract record RolloutDecision
{
    /// <summary>
    /// True when the job should apply this, save, and decide again in the same run (the reconcile loop
    /// goes on); false when the run ends here (wait, held by a person, or finished).
    /// </summary>
    public abstract bool ReconcileAgain { get; }

    /// <summary>
    /// False when carrying this out writes nothing to the nodes (a rollout that never began: nothing was placed, and a
    /// target awaiting approval may not be); otherwise the job writes the weights the status after it implies.
    /// </summary>
    public virtual bool Places => true;

    /// <summary>The sentence for the rollout's timeline.</summary>
    public abstract string Message { get; }

    /// <summary>The verdict on the analysis window this decision was made on, if it was made on one.</summary>
    public virtual AnalysisVerdict? Analysis => null;
}
