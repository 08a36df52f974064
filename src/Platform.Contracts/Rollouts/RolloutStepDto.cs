namespace Platform.Contracts.Rollouts;

/// <summary>One step: <paramref name="SetWeight"/> (percent), a <paramref name="Pause"/>, or an <paramref name="Analysis"/>.</summary>
public sealed record RolloutStepDto(int? SetWeight = null, PauseDto? Pause = null, AnalysisSpecDto? Analysis = null);
