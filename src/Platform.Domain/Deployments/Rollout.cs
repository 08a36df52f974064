using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments;

/// <summary>
/// Moving a service from one version to another across the fleet, step by step. The API writes the intent
/// (the request, the strategy, pause/resume/promote/abort/approve); the Deployer writes the status
/// (<see cref="Status"/>: phase, position, analysis, weights). Every change is an event on the timeline.
/// </summary>
public sealed partial class Rollout
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ServiceId { get; set; }
    public Guid TargetVersionId { get; set; }
    public Guid? PreviousVersionId { get; set; }
    public RolloutPhase Phase { get; private set; } = RolloutPhase.Pending;
    public string Message { get; private set; } = "Waiting for the Deployer.";
    public required string RequestedBy { get; set; }
    /// <summary>The W3C trace id of the request that asked for it: its passes, the desired state they write and the nodes' work join it.</summary>
    public string? TraceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public uint RowVersion { get; set; }
    public List<RolloutEvent> Events { get; set; } = [];

    /// <summary>The strategy this rollout follows, fixed when it was requested (no steps: immediate).</summary>
    public Contracts.Rollouts.RolloutStrategyDto Strategy { get; set; } = new();

    /// <summary>Where the strategy came from: "platform", "service", "request", "emergency", "rollback", "first".</summary>
    public string StrategySource { get; set; } = StrategySources.Platform;

    public static IReadOnlyList<RolloutPhase> ActivePhases { get; } = [RolloutPhase.Pending, RolloutPhase.Progressing];

    public bool IsActive => ActivePhases.Contains(Phase);

    /// <summary>The saved strategy, parsed.</summary>
    public RolloutStrategy ParsedStrategy() => RolloutStrategyParser.ParseSaved(Strategy);

    /// <summary>Pending → progressing from the first step (see <see cref="Planning.BeginRollout"/>); the weights last written are kept.</summary>
    public void Begin(DateTimeOffset now)
    {
        if (Phase != RolloutPhase.Pending) return;
        if (AwaitsApproval)
            throw new InvalidOperationException("A rollout whose capabilities await a platform admin's approval cannot begin: nothing may be placed before the approval.");
        SavedStatus = new RolloutStatus { StepStartedAt = now, Weights = SavedStatus.Weights };
        Move(RolloutPhase.Progressing, Planning.BeginRollout.For(ParsedStrategy()).Message, now);
    }

    public void Succeed(string message, DateTimeOffset now) => Finish(RolloutPhase.Succeeded, message, now);

    public void Fail(string message, DateTimeOffset now) => Finish(RolloutPhase.Failed, message, now);

    public void Abort(string message, DateTimeOffset now) => Finish(RolloutPhase.Aborted, message, now);

    /// <summary>Records progress without changing phase (e.g. "2 of 3 nodes ready"); not an event of its own.</summary>
    public void Report(string message, DateTimeOffset now)
    {
        if (!IsActive || message == Message) return;
        Message = message;
        UpdatedAt = now;
    }

    /// <summary>A state change worth a line on the timeline; it also becomes the rollout's current message.</summary>
    public void Record(string kind, string message, DateTimeOffset now)
    {
        Message = message;
        UpdatedAt = now;
        Events.Add(new RolloutEvent { RolloutId = Id, At = now, Kind = kind, Message = message });
    }

    private void Finish(RolloutPhase phase, string message, DateTimeOffset now)
    {
        if (!IsActive) throw new DomainException($"Rollout {Id} is already {Phase}.");
        Move(phase, message, now);
        CompletedAt = now;
        SavedStatus = SavedStatus with { Hold = null };
    }

    private void Move(RolloutPhase phase, string message, DateTimeOffset now)
    {
        Phase = phase;
        Record(phase.ToString().ToLowerInvariant(), message, now);
    }
}
