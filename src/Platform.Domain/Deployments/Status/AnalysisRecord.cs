using Platform.Domain.Deployments.Analysis;

namespace Platform.Domain.Deployments.Status;

/// <summary>One analysis as the timeline and the portal show it: the verdict and what each side did in the window.</summary>
public sealed record AnalysisRecord(
    int Ring, string RingName, DateTimeOffset WindowStart, DateTimeOffset At, AnalysisVerdict Verdict, WindowSummary Stable, WindowSummary Canary);
