using Platform.Domain.Deployments.Analysis;

namespace Platform.Domain.Tests.Deployments;

/// <summary>Deterministic traffic for analysis tests: spread-out latencies, optional shift and errors.</summary>
internal static class Samples
{
    /// <summary><paramref name="count"/> latencies spread evenly over [base, base + spread), in a scrambled order.</summary>
    public static List<long> Latencies(int count, long baseMicros = 10_000, long spread = 5_000, long shift = 0) =>
        Enumerable.Range(0, count).Select(i => baseMicros + shift + (long)i * 7919 % count * spread / count).ToList();

    public static VersionSample Version(long requests, long errors, int latencies, long shift = 0) =>
        new(requests, errors, Latencies(latencies, shift: shift));

    public static AnalysisInput Healthy() => new(Version(10_000, 10, 1_000), Version(1_000, 1, 500));

    public static AnalysisInput Erroring() => new(Version(10_000, 10, 1_000), Version(1_000, 80, 500));

    public static AnalysisInput Slow() => new(Version(10_000, 10, 1_000), Version(1_000, 1, 500, shift: 4_000));

    public static AnalysisInput Sparse() => new(Version(10_000, 10, 1_000), Version(20, 0, 20));
}
