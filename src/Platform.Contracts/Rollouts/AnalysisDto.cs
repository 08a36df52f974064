namespace Platform.Contracts.Rollouts;

/// <summary>
/// The latest analysis of a rollout (while a window gathers: the window so far): the verdict
/// ("pass", "fail", "inconclusive"), each metric's verdict, and what each side did in the window.
/// </summary>
/// <param name="Baseline">
/// The baseline copy of stable (started with the canary, given its weight) in the window; null when the window had
/// none. The canary is judged against it when it is there, else against stable (<paramref name="ComparedWith"/>).
/// </param>
/// <param name="ComparedWith">"baseline" or "stable": what the verdicts compare the canary with.</param>
public sealed record AnalysisDto(
    string Ring, DateTimeOffset WindowStart, DateTimeOffset At, string Outcome,
    IReadOnlyList<MetricVerdictDto> Metrics, WindowSummaryDto Stable, WindowSummaryDto Canary,
    WindowSummaryDto? Baseline = null, string ComparedWith = "stable");
