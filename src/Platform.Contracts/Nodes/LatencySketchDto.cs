namespace Platform.Contracts.Nodes;

/// <summary>
/// Every latency one version served on one node since the node started, as a log-bucketed histogram (DDSketch's
/// layout): a latency of x µs is counted in bucket ⌈log_γ x⌉, 1 µs and below in bucket 0. Cumulative, so the
/// control plane subtracts two reports bucket by bucket to get the interval between them, and adds nodes up.
/// </summary>
/// <param name="Gamma">The bucket growth factor; the control plane accepts only <see cref="StandardGamma"/>.</param>
/// <param name="Indexes">Buckets holding at least one latency, ascending (at most <see cref="MaxIndex"/>).</param>
/// <param name="Counts">Latencies in each of those buckets.</param>
public sealed record LatencySketchDto(double Gamma, IReadOnlyList<int> Indexes, IReadOnlyList<long> Counts)
{
    /// <summary>(1 + 0.02) / (1 − 0.02): every bucket's value is within 2% of the latencies it holds.</summary>
    public const double StandardGamma = 1.02 / 0.98;

    /// <summary>The highest bucket (γ^600 µs is far beyond any deadline; slower latencies are counted there).</summary>
    public const int MaxIndex = 600;
}
