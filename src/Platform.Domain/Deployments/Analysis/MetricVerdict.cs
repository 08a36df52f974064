namespace Platform.Domain.Deployments.Analysis;

/// <summary>The verdict on one metric (<c>error-rate</c>, <c>latency</c>) with a sentence a person can act on.</summary>
public sealed record MetricVerdict(string Metric, AnalysisOutcome Outcome, string Reason)
{
    public const string ErrorRate = "error-rate";
    public const string Latency = "latency";
}
