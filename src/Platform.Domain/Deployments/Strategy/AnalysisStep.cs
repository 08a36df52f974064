namespace Platform.Domain.Deployments.Strategy;

/// <summary>Gather live traffic at the current weights for <see cref="AnalysisSpec.Duration"/>, then judge canary against stable.</summary>
public sealed record AnalysisStep(AnalysisSpec Spec) : RolloutStep
{
    public override string Describe() => $"analyse canary against stable for {Spec.Duration.TotalSeconds:0.###} s";
}
