using Platform.Domain.Nodes;

namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// What one version did over one analysis window (on the nodes of one ring): requests, errors (status ≥ 500) and
/// the latencies of the same interval as a sketch. Build it with <see cref="SampleWindow"/>.
/// </summary>
public sealed record VersionSample(long Requests, long Errors, LatencySketch Latency)
{
    public static VersionSample Empty { get; } = new(0, 0, LatencySketch.Empty);

    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    /// <summary>Raw latencies in µs (tests and simulations).</summary>
    public VersionSample(long requests, long errors, IEnumerable<long> latencyMicros) : this(requests, errors, LatencySketch.Of(latencyMicros))
    {
    }

    /// <summary>The samples of several nodes (or intervals) taken together.</summary>
    public static VersionSample Sum(IEnumerable<VersionSample> samples)
    {
        long requests = 0, errors = 0;
        var latency = LatencySketch.Empty;
        foreach (var sample in samples)
        {
            requests += sample.Requests;
            errors += sample.Errors;
            latency = latency.Plus(sample.Latency);
        }
        return new VersionSample(requests, errors, latency);
    }

    public VersionSample Plus(VersionSample other) => new(Requests + other.Requests, Errors + other.Errors, Latency.Plus(other.Latency));
}
