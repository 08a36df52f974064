using Platform.Domain.Deployments.Planning;

namespace Platform.Domain.Deployments.Status;

/// <summary>
/// Where a rollout stands (status, written only by the Deployer), saved as one document on the rollout:
/// the position in the strategy, a hold waiting for a person, the last analysis, the baseline of the
/// analysis window being gathered, the nodes that went silent, and the weights last written per ring.
/// </summary>
public sealed class RolloutCursor
{
    public int Ring { get; set; }
    public int Step { get; set; }
    public DateTimeOffset StepStartedAt { get; set; }
    public RolloutHold? Hold { get; set; }
    public AnalysisRecord? LastAnalysis { get; set; }
    public AnalysisBaseline? Baseline { get; set; }
    /// <summary>Names of the nodes seen online during the rollout.</summary>
    public List<string> Nodes { get; set; } = [];
    /// <summary>Names of nodes that stopped heartbeating during the rollout and have not come back.</summary>
    public List<string> LostNodes { get; set; } = [];
    /// <summary>Since when the rollout has been waiting for nodes to load the target (null: they have).</summary>
    public DateTimeOffset? NotReadySince { get; set; }
    /// <summary>The canary weight written for each ring, in ring order.</summary>
    public List<int> Weights { get; set; } = [];
}
