namespace Platform.Domain.Deployments;

/// <summary>One entry on a rollout's timeline.</summary>
public sealed class RolloutEvent
{
    public long Id { get; set; }
    public Guid RolloutId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public required string Message { get; set; }
}
