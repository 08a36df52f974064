namespace Platform.Domain.Deployments;

public enum RolloutPhase
{
    /// <summary>Requested; the Deployer has not picked it up yet.</summary>
    Pending,
    /// <summary>Nodes are being moved to the target version.</summary>
    Progressing,
    /// <summary>Every online node serves the target version.</summary>
    Succeeded,
    /// <summary>The target could not be placed; the previous version stays (or is put back).</summary>
    Failed,
    /// <summary>Stopped by a person; the previous version was put back.</summary>
    Aborted,
}
