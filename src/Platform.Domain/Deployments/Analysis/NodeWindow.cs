namespace Platform.Domain.Deployments.Analysis;

/// <summary>What each version did on one node in an analysis window; <see cref="Baseline"/> is null when the node runs no baseline copy.</summary>
public sealed record NodeWindow(VersionSample Stable, VersionSample Canary, VersionSample? Baseline);
