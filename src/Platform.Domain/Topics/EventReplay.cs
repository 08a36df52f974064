namespace Platform.Domain.Topics;

/// <summary>
/// An owner's request to take one service's events through its handler again: the events of <see cref="Topic"/> from a
/// stream sequence or a time up to the last one stored when it was asked (<see cref="ReplaySource.Topic"/>), or the
/// service's dead letters of that topic (<see cref="ReplaySource.DeadLetters"/>, a re-drive), into one version (stable or
/// the canary). The API writes it and creates its JetStream consumers; nodes that run the version consume them; the
/// Deployer marks it finished once every consumer has passed <see cref="UntilSequence"/>, and deletes the consumers.
/// </summary>
public sealed class EventReplay
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ServiceId { get; set; }
    public required string Topic { get; set; }
    /// <summary>The trigger's subject filter (null: every event of the topic); a re-drive takes every dead letter of the topic.</summary>
    public string? Filter { get; set; }
    public ReplaySource Source { get; set; }
    /// <summary>First stream sequence replayed (null when replaying from a time, or for a re-drive: all of them).</summary>
    public long? FromSequence { get; set; }
    public DateTimeOffset? FromTime { get; set; }
    /// <summary>The last sequence of the source stream when the replay was asked: events after it are not replayed.</summary>
    public long UntilSequence { get; set; }
    public Guid TargetVersionId { get; set; }
    /// <summary>The target's version string, kept for the record (the version row can go).</summary>
    public required string TargetVersion { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>How it ended: "completed", "cancelled by …", or why it stopped (the version left the fleet).</summary>
    public string? Outcome { get; set; }

    public bool IsActive => FinishedAt is null;

    public void Finish(string outcome, DateTimeOffset now)
    {
        if (FinishedAt is not null) return;
        FinishedAt = now;
        Outcome = outcome;
    }
}
