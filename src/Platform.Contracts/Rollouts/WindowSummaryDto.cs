namespace Platform.Contracts.Rollouts;

/// <summary>What one version did in an analysis window, over the ring's nodes.</summary>
public sealed record WindowSummaryDto(long Requests, long Errors, double ErrorRate, int LatencySamples, double? P50Ms, double? P95Ms);
