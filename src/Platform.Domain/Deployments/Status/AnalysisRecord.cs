using Platform.Domain.Deployments.Analysis;

namespace Platform.Domain.Deployments.Status;

/// <summary>
/// One analysis as the timeline and the portal show it: the verdict and what each side did in the window, the
/// baseline copy of stable included when the window had one (the canary was then judged against it).
/// </summary>
public sealed record AnalysisRecord(
    int Ring, string RingName, DateTimeOffset WindowStart, DateTimeOffset At, AnalysisVerdict Verdict, WindowSummary Stable, WindowSummary Canary,
    WindowSummary? Baseline = null);
