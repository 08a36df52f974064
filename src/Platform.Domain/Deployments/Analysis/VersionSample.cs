namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// What one version did over one analysis window (on the nodes of one ring): requests, errors
/// (status ≥ 500) and raw latencies in microseconds. Build it with <see cref="SampleWindow"/>.
/// </summary>
public sealed record VersionSample(long Requests, long Errors, IReadOnlyList<long> LatencyMicros)
{
    public static VersionSample Empty { get; } = new(0, 0, []);

    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    /// <summary>The samples of several nodes taken together.</summary>
    public static VersionSample Sum(IEnumerable<VersionSample> samples)
    {
        long requests = 0, errors = 0;
        var latencies = new List<long>();
        foreach (var sample in samples)
        {
            requests += sample.Requests;
            errors += sample.Errors;
            latencies.AddRange(sample.LatencyMicros);
        }
        return new VersionSample(requests, errors, latencies);
    }
}
