namespace Platform.Contracts.Rollouts;

/// <summary>
/// The latest analysis of a rollout (while a window gathers: the window so far): the verdict
/// ("pass", "fail", "inconclusive"), each metric's verdict, and what each side did in the window.
/// </summary>
public sealed record AnalysisDto(
    string Ring, DateTimeOffset WindowStart, DateTimeOffset At, string Outcome,
    IReadOnlyList<MetricVerdictDto> Metrics, WindowSummaryDto Stable, WindowSummaryDto Canary);
