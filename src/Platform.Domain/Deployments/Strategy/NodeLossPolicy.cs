namespace Platform.Domain.Deployments.Strategy;

/// <summary>What a rollout does when a node stops heartbeating while it runs. The node is excluded either way.</summary>
public enum NodeLossPolicy
{
    /// <summary>Go on with the nodes that are left; the returning node converges to whatever is desired then.</summary>
    Continue,
    /// <summary>Hold the rollout until a person resumes, promotes or aborts it.</summary>
    Pause,
}
