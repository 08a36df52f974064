using System.Text.Json.Serialization;
using Platform.Domain.Nodes;

namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// Latency buckets (<see cref="LatencySketch"/>'s) holding weights instead of counts: the strata of a
/// <see cref="LatencyComparison"/> mixed with the same weight on both sides, so the two sides' quantiles are taken over the
/// same mix of nodes and moments. A stratum's every latency weighs its share of the stratum's weight.
/// </summary>
public sealed record WeightedLatencies
{
    public static WeightedLatencies Empty { get; } = new();

    /// <summary>Bucket indexes that hold weight, ascending.</summary>
    public IReadOnlyList<int> Indexes { get; init; } = [];

    public IReadOnlyList<double> Weights { get; init; } = [];

    [JsonIgnore]
    public double Total => Weights.Sum();

    /// <summary>These latencies and every latency of <paramref name="sketch"/> at <paramref name="weightEach"/>.</summary>
    public WeightedLatencies Plus(LatencySketch sketch, double weightEach)
    {
        var buckets = new SortedDictionary<int, double>();
        for (var i = 0; i < Indexes.Count; i++) buckets[Indexes[i]] = Weights[i];
        for (var i = 0; i < sketch.Indexes.Count; i++)
            buckets[sketch.Indexes[i]] = buckets.GetValueOrDefault(sketch.Indexes[i]) + sketch.Counts[i] * weightEach;
        return new WeightedLatencies { Indexes = [.. buckets.Keys], Weights = [.. buckets.Values] };
    }

    /// <summary>The q-quantile in µs (nearest rank by weight: one stratum gives its sketch's quantile); null when empty.</summary>
    public double? Quantile(double q)
    {
        var total = Total;
        if (total <= 0) return null;
        var rank = q * total * (1 - 1e-12);
        double seen = 0;
        for (var i = 0; i < Indexes.Count; i++)
        {
            seen += Weights[i];
            if (seen >= rank) return LatencySketch.ValueOf(Indexes[i]);
        }
        return LatencySketch.ValueOf(Indexes[^1]);
    }
}
