namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// The verdict of one analysis: <see cref="AnalysisOutcome.Fail"/> when any metric fails, otherwise
/// <see cref="AnalysisOutcome.Inconclusive"/> when any metric cannot be judged, otherwise pass.
/// </summary>
public sealed record AnalysisVerdict
{
    public AnalysisVerdict(IReadOnlyList<MetricVerdict> metrics)
    {
        Metrics = metrics;
        Outcome = metrics.Any(m => m.Outcome == AnalysisOutcome.Fail) ? AnalysisOutcome.Fail
            : metrics.Any(m => m.Outcome == AnalysisOutcome.Inconclusive) ? AnalysisOutcome.Inconclusive
            : AnalysisOutcome.Pass;
    }

    public AnalysisOutcome Outcome { get; }

    public IReadOnlyList<MetricVerdict> Metrics { get; }

    /// <summary>The reasons that decided the outcome (all reasons for a pass), one sentence each.</summary>
    public string Summary => string.Join(" ", Metrics.Where(m => Outcome == AnalysisOutcome.Pass || m.Outcome == Outcome).Select(m => m.Reason));

    public MetricVerdict? this[string metric] => Metrics.FirstOrDefault(m => m.Metric == metric);

    public bool Equals(AnalysisVerdict? other) => other is not null && Metrics.SequenceEqual(other.Metrics);

    public override int GetHashCode() => HashCode.Combine(Outcome, Metrics.Count);
}
