namespace Platform.Domain.Deployments.Strategy;

/// <summary>
/// One step of a canary (spec): <see cref="SetWeightStep"/>, <see cref="PauseStep"/> or <see cref="AnalysisStep"/>.
/// The whole step list runs once per ring; a ring has passed when its last step is done.
/// </summary>
public abstract record RolloutStep
{
    /// <summary>A short human description for the portal and the rollout's timeline.</summary>
    public abstract string Describe();
}
