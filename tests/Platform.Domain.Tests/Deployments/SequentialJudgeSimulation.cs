using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments.Strategy;
using Platform.Domain.Nodes;

namespace Platform.Domain.Tests.Deployments;

/// <summary>
/// Simulated rollouts through the production judge: the default strategy (10% → 2 min analysis → 50% → 2 min analysis
/// → 100%), a heartbeat every 2 s with a fixed number of requests split at random by the canary's weight, errors and
/// latencies (log-normal, σ = 0.3, drawn into the sketch's buckets) per version, and the judge asked after every
/// heartbeat on the window so far, as the Deployer does. Seeded, so every run gives the same figures.
/// </summary>
internal sealed class SequentialJudgeSimulation(int seed, int requestsPerHeartbeat = 100)
{
    public const int HeartbeatsPerAnalysis = 60;
    public static readonly RolloutStrategy Strategy = RolloutStrategy.Default;
    private static readonly int[] Weights = [10, 50];

    private readonly Random _random = new(seed);

    /// <summary>One version's behaviour: error rate and median latency in µs.</summary>
    public sealed record Profile(double ErrorRate, double MedianMicros)
    {
        private double[]? _cdf;

        /// <summary>Cumulative probability of each sketch bucket (log-normal, σ = 0.3).</summary>
        public double[] Cdf => _cdf ??= Enumerable.Range(0, LatencySketch.MaxIndex + 1)
            .Select(i => NormalDistribution.Cdf((i * Math.Log(LatencySketch.Gamma) - Math.Log(MedianMicros)) / 0.3)).ToArray();
    }

    /// <summary>
    /// When a rollout failed: the analysis (0 or 1), the heartbeat (1-based), the canary's requests by then and at the
    /// look before; null: it passed.
    /// </summary>
    public sealed record Failure(int Analysis, int Heartbeat, long CanaryRequests, long CanaryRequestsBefore, string Metric);

    /// <summary>
    /// A rollout through <paramref name="analyses"/> analyses of <paramref name="heartbeats"/> heartbeats each
    /// (<see cref="HeartbeatsPerAnalysis"/>: the default two minutes).
    /// </summary>
    public Failure? Run(Profile stable, Profile canary, AnalysisSpec spec, int analyses = 2, int heartbeats = HeartbeatsPerAnalysis)
    {
        var looks = CanaryJudge.AnalysesIn(Strategy);
        for (var analysis = 0; analysis < analyses; analysis++)
        {
            var s = new Side();
            var c = new Side();
            long before = 0;
            for (var heartbeat = 1; heartbeat <= heartbeats; heartbeat++)
            {
                for (var r = 0; r < requestsPerHeartbeat; r++)
                {
                    if (_random.Next(100) < Weights[analysis]) c.Serve(canary, _random);
                    else s.Serve(stable, _random);
                }
                var verdict = CanaryJudge.Judge(s.Sample(), c.Sample(), spec, looks);
                if (verdict.Outcome == AnalysisOutcome.Fail)
                    return new Failure(analysis, heartbeat, c.Requests, before, verdict.Metrics.First(m => m.Outcome == AnalysisOutcome.Fail).Metric);
                before = c.Requests;
            }
        }
        return null;
    }

    private sealed class Side
    {
        private readonly long[] _buckets = new long[LatencySketch.MaxIndex + 1];
        private int _low = int.MaxValue, _high = -1;

        public long Requests { get; private set; }
        public long Errors { get; private set; }

        public void Serve(Profile profile, Random random)
        {
            Requests++;
            if (random.NextDouble() < profile.ErrorRate) Errors++;
            var index = Array.BinarySearch(profile.Cdf, random.NextDouble());
            index = Math.Min(index < 0 ? ~index : index, LatencySketch.MaxIndex);
            _buckets[index]++;
            (_low, _high) = (Math.Min(_low, index), Math.Max(_high, index));
        }

        public VersionSample Sample()
        {
            var buckets = new List<KeyValuePair<int, long>>();
            for (var i = _low; i <= _high; i++)
            {
                if (_buckets[i] > 0) buckets.Add(new(i, _buckets[i]));
            }
            return new VersionSample(Requests, Errors, LatencySketch.FromBuckets(buckets));
        }
    }
}
