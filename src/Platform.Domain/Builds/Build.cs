namespace Platform.Domain.Builds;

/// <summary>
/// Turning one source revision into one component version. Transitions are guarded by the expected
/// state, so a job delivered twice cannot finish a build twice.
/// </summary>
public sealed class Build
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ServiceId { get; set; }
    public Guid SourceRevisionId { get; set; }
    /// <summary>The version this build publishes when it succeeds.</summary>
    public required string Version { get; set; }
    public required string Toolchain { get; set; }
    public BuildStatus Status { get; private set; } = BuildStatus.Queued;
    public string Log { get; set; } = "";
    public string? Error { get; private set; }
    public Guid? ComponentVersionId { get; private set; }
    public bool DeployOnSuccess { get; set; }
    public int Attempt { get; private set; }
    public required string RequestedBy { get; set; }
    /// <summary>
    /// The W3C trace id of the request that queued it: the build job (which carries the enqueuing context) and the
    /// rollout it starts join that trace, so the portal links the build to it. Null when nothing traced the request.
    /// </summary>
    public string? TraceId { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public uint RowVersion { get; set; }

    public bool IsFinished => Status is BuildStatus.Succeeded or BuildStatus.Failed;

    /// <summary>Starts (or, after a crash, restarts) the build from a clean log.</summary>
    public void Start(DateTimeOffset now)
    {
        if (IsFinished) throw new DomainException($"Build {Id} has already finished ({Status}).");
        Status = BuildStatus.Running;
        Attempt++;
        StartedAt = now;
        Log = Attempt > 1 ? $"--- attempt {Attempt}: the previous attempt was interrupted; building again ---\n" : "";
    }

    public void Succeed(Guid componentVersionId, DateTimeOffset now)
    {
        EnsureRunning();
        Status = BuildStatus.Succeeded;
        ComponentVersionId = componentVersionId;
        FinishedAt = now;
    }

    public void Fail(string error, DateTimeOffset now)
    {
        if (IsFinished) return;
        Status = BuildStatus.Failed;
        Error = error;
        FinishedAt = now;
    }

    private void EnsureRunning()
    {
        if (Status != BuildStatus.Running) throw new DomainException($"Build {Id} is {Status}, not running.");
    }
}
