namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// The metrics an analysis step is judged on: both versions over the same window on the same nodes
/// (the current ring), so they saw the same traffic.
/// </summary>
public sealed record AnalysisInput(VersionSample Stable, VersionSample Canary);
