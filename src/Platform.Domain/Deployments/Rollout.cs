namespace Platform.Domain.Deployments;

/// <summary>
/// Moving a service from one version to another across the fleet. The API writes the intent
/// (<see cref="RolloutPhase.Pending"/>); the Deployer moves it through its phases.
/// </summary>
public sealed class Rollout
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ServiceId { get; set; }
    public Guid TargetVersionId { get; set; }
    public Guid? PreviousVersionId { get; set; }
    public RolloutPhase Phase { get; private set; } = RolloutPhase.Pending;
    public string Message { get; private set; } = "Waiting for the Deployer.";
    public required string RequestedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public uint RowVersion { get; set; }
    public List<RolloutEvent> Events { get; set; } = [];

    public static IReadOnlyList<RolloutPhase> ActivePhases { get; } = [RolloutPhase.Pending, RolloutPhase.Progressing];

    public bool IsActive => ActivePhases.Contains(Phase);

    public void Begin(DateTimeOffset now)
    {
        if (Phase != RolloutPhase.Pending) return;
        Move(RolloutPhase.Progressing, "Placing the target version on every online node.", now);
    }

    public void Succeed(string message, DateTimeOffset now) => Finish(RolloutPhase.Succeeded, message, now);

    public void Fail(string message, DateTimeOffset now) => Finish(RolloutPhase.Failed, message, now);

    public void Abort(string message, DateTimeOffset now) => Finish(RolloutPhase.Aborted, message, now);

    /// <summary>Records progress without changing phase (e.g. "2 of 3 nodes ready").</summary>
    public void Report(string message, DateTimeOffset now)
    {
        if (!IsActive || message == Message) return;
        Message = message;
        UpdatedAt = now;
        Events.Add(new RolloutEvent { RolloutId = Id, At = now, Kind = "progress", Message = message });
    }

    private void Finish(RolloutPhase phase, string message, DateTimeOffset now)
    {
        if (!IsActive) throw new DomainException($"Rollout {Id} is already {Phase}.");
        Move(phase, message, now);
        CompletedAt = now;
    }

    private void Move(RolloutPhase phase, string message, DateTimeOffset now)
    {
        Phase = phase;
        Message = message;
        UpdatedAt = now;
        Events.Add(new RolloutEvent { RolloutId = Id, At = now, Kind = phase.ToString().ToLowerInvariant(), Message = message });
    }
}
