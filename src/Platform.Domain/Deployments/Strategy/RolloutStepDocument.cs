namespace Platform.Domain.Deployments.Strategy;

/// <summary>One step of a <see cref="RolloutStrategyDocument"/>: exactly one property is set.</summary>
public sealed class RolloutStepDocument
{
    /// <summary>Canary weight in percent (0..100) for the current ring.</summary>
    public int? SetWeight { get; set; }

    /// <summary>A pause; without <see cref="PauseDocument.DurationSeconds"/> it lasts until resumed or promoted.</summary>
    public PauseDocument? Pause { get; set; }

    /// <summary>An analysis; unset fields take the default analysis.</summary>
    public AnalysisSpecDocument? Analysis { get; set; }
}
