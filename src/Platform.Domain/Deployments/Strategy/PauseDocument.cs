namespace Platform.Domain.Deployments.Strategy;

/// <summary>The <c>pause</c> of a step document: <c>{}</c> waits for a person, <c>{ "durationSeconds": 30 }</c> for a time.</summary>
public sealed class PauseDocument
{
    public int? DurationSeconds { get; set; }
}
