namespace Platform.Domain.Nodes;

/// <summary>Summaries of latencies (nearest-rank percentiles), from raw samples or from a <see cref="LatencySketch"/>.</summary>
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

    /// <summary>The q-quantile of a sketch in milliseconds (within its relative accuracy); null when it is empty.</summary>
    public static double? PercentileMs(LatencySketch sketch, double q) => sketch.Quantile(q) / 1000.0;
}
