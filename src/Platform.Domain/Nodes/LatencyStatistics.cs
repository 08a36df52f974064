namespace Platform.Domain.Nodes;

/// <summary>Summaries of latency samples (nearest-rank percentiles).</summary>
public static class LatencyStatistics
{
    /// <summary>The q-quantile (0 &lt; q ≤ 1) of the samples in milliseconds; null without samples.</summary>
    public static double? PercentileMs(IReadOnlyCollection<long> micros, double q)
    {
        if (q is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(q), "q must be in (0, 1].");
        if (micros.Count == 0) return null;
        var sorted = micros.Order().ToArray();
        var rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Max(rank, 1) - 1] / 1000.0;
    }
}
