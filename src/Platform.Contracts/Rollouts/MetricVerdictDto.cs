namespace Platform.Contracts.Rollouts;

/// <summary>One metric's verdict ("error-rate" or "latency") with its reason.</summary>
public sealed record MetricVerdictDto(string Metric, string Outcome, string Reason);
