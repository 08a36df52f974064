namespace Platform.Domain.Deployments.Strategy;

/// <summary>
/// Hold the current weights for <see cref="Duration"/>; <c>null</c> holds until a person resumes
/// (continue with the next step) or promotes (skip every remaining step).
/// </summary>
public sealed record PauseStep : RolloutStep
{
    public PauseStep(TimeSpan? duration)
    {
        if (duration is { } d) ArgumentOutOfRangeException.ThrowIfLessThan(d, TimeSpan.Zero);
        Duration = duration;
    }

    public TimeSpan? Duration { get; }

    public bool UntilResumed => Duration is null;

    public override string Describe() => Duration is { } d ? $"pause for {d.TotalSeconds:0.###} s" : "pause until resumed or promoted";
}
