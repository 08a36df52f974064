using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Strategy;
using Xunit.Abstractions;
using static Platform.Domain.Tests.Deployments.SequentialJudgeSimulation;

namespace Platform.Domain.Tests.Deployments;

/// <summary>
/// The judge under continuous monitoring, by simulation (<see cref="SequentialJudgeSimulation"/>): a healthy canary is
/// failed by chance at most alpha over a whole rollout however often it is judged, and broken ones are caught fast.
/// The figures are printed (dotnet test --logger "console;verbosity=detailed") and quoted in the README.
/// </summary>
public sealed class SequentialJudgeTests(ITestOutputHelper output)
{
    private static readonly Profile Stable = new(0.005, 5_000);

    // Margins and effect threshold at zero leave only the sequential tests: what they promise must hold on their own.
    private static readonly AnalysisSpec NoMargins = AnalysisSpec.Default with { MaxErrorRateIncrease = 0, MaxLatencyIncrease = 0, MaxLatencyIncreaseMs = 0, MaxLatencyEffect = 0 };

    [Theory]
    [InlineData("default spec", 100)]
    [InlineData("no margins", 100)]
    [InlineData("no margins", 20)]
    public void HealthyRollouts_TenThousand_FalseFailuresAtMostAlpha(string specName, int requestsPerHeartbeat)
    {
        var spec = specName == "no margins" ? NoMargins : AnalysisSpec.Default;
        const int rollouts = 10_000;
        // One seed per rollout: the same figures on every run, however the rollouts are spread over the cores.
        var failures = Enumerable.Range(0, rollouts).AsParallel()
            .Select(i => new SequentialJudgeSimulation(seed: 1_000 + i, requestsPerHeartbeat).Run(Stable, Stable, spec))
            .Where(f => f is not null).ToList();

        var rate = (double)failures.Count / rollouts;
        output.WriteLine($"healthy rollouts ({specName}, {requestsPerHeartbeat} requests per heartbeat, {HeartbeatsPerAnalysis} heartbeats per analysis, 2 analyses): "
            + $"{failures.Count} of {rollouts} failed = {rate:P2} (alpha {spec.Alpha:P0}; error rate {failures.Count(f => f!.Metric == MetricVerdict.ErrorRate)}, latency {failures.Count(f => f!.Metric == MetricVerdict.Latency)})");
        Assert.True(rate <= spec.Alpha, $"{rate:P2} of healthy rollouts failed; alpha is {spec.Alpha:P0}");
    }

    // Stable: 0.5% errors, median 5 ms. The canary at 10% weight of 100 requests per heartbeat (2 s), judged after every
    // heartbeat for up to 20 minutes (the default analysis lasts 2): how many of its requests, and heartbeats, until it fails.
    public static TheoryData<string, double, double, string, int> Regressions => new()
    {
        { "100% errors", 1.0, 1.0, "default", 1 },
        { "+5 points of errors", 0.055, 1.0, "default", 60 },
        { "+1 point of errors", 0.015, 1.0, "maxErrorRateIncrease 0", 600 },
        { "+1.5 points of errors", 0.02, 1.0, "default", 600 },
        { "+20% latency", 0.005, 1.2, "default", 60 },
    };

    [Theory]
    [MemberData(nameof(Regressions))]
    public void BrokenCanary_DetectionTime_CaughtWithinItsBound(string name, double errorRate, double latencyFactor, string specName, int boundHeartbeats)
    {
        var spec = specName == "default" ? AnalysisSpec.Default : AnalysisSpec.Default with { MaxErrorRateIncrease = 0 };
        var canary = new Profile(errorRate, Stable.MedianMicros * latencyFactor);
        var runs = Enumerable.Range(0, 1_000).AsParallel().AsOrdered()
            .Select(i => new SequentialJudgeSimulation(seed: 7 + i).Run(Stable, canary, spec, analyses: 1, heartbeats: 600)).ToList();

        var caught = runs.Where(f => f is not null).Select(f => f!).ToList();
        var heartbeats = caught.Select(f => (double)f.Heartbeat).Order().ToList();
        var requests = caught.Select(f => (double)f.CanaryRequests).Order().ToList();
        var inBound = caught.Count(f => f.Heartbeat <= boundHeartbeats);
        output.WriteLine($"{name} ({specName} spec): caught in {caught.Count} of {runs.Count} within 20 min, {inBound} within {boundHeartbeats} heartbeats; "
            + $"canary requests median {Quantile(requests, 0.5):0} (p90 {Quantile(requests, 0.9):0}), heartbeats median {Quantile(heartbeats, 0.5):0} (p90 {Quantile(heartbeats, 0.9):0})");
        Assert.True(inBound >= 0.95 * runs.Count, $"{name}: only {inBound} of {runs.Count} caught within {boundHeartbeats} heartbeats");
        if (errorRate == 1.0)
        {
            // Whenever the canary had served 10 requests, all failed, the judge had failed it.
            Assert.All(caught, f => Assert.True(f.CanaryRequestsBefore < 10, $"not failed after {f.CanaryRequestsBefore} requests"));
        }
    }

    private static double Quantile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
