namespace Platform.Domain.Deployments.Planning;

public enum RollbackCause
{
    /// <summary>An analysis failed: the rollout ends Failed.</summary>
    AnalysisFailed,
    /// <summary>A person aborted: the rollout ends Aborted.</summary>
    Aborted,
}
