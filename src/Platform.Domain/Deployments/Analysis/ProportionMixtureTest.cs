namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// An anytime-valid two-sample test of proportions: is the fraction of the canary's requests with some property (slower
/// than a threshold) larger than stable's? The mixture sequential probability ratio test of Johari, Pekelis and Walsh
/// ("Always valid inference: continuous monitoring of A/B tests", Operations Research 2022) on the normal approximation of the difference, mixing over differences with a
/// N(0, τ²) prior (τ = <see cref="MixingSd"/>): its likelihood ratio reaches 1/α with probability at most α however
/// often it is looked at, so a look after every heartbeat costs nothing and a failure needs no minimum sample.
/// Suits properties that are common (half the requests are slower than the median); rare events such as errors use
/// <see cref="EventShareTest"/>.
/// </summary>
public static class ProportionMixtureTest
{
    /// <summary>The spread of differences the mixture expects (0.2: a canary slower than stable's median 70% of the time).</summary>
    public const double MixingSd = 0.2;

    public readonly record struct Result(double LikelihoodRatio, double Difference)
    {
        public double PValue => LikelihoodRatio <= 1 ? 1 : 1 / LikelihoodRatio;

        /// <summary>Whether the canary's fraction is the larger and the evidence reaches 1/<paramref name="alpha"/>.</summary>
        public bool CanaryWorse(double alpha) => Difference > 0 && LikelihoodRatio >= 1 / alpha;
    }

    public static Result Compare(long canaryHits, long canaryTotal, long stableHits, long stableTotal)
    {
        if (canaryTotal <= 0 || stableTotal <= 0) return new Result(1, 0);
        var difference = (double)canaryHits / canaryTotal - (double)stableHits / stableTotal;
        var pooled = (double)(canaryHits + stableHits) / (canaryTotal + stableTotal);
        return OfEstimate(difference, pooled * (1 - pooled) * (1.0 / canaryTotal + 1.0 / stableTotal));
    }

    /// <summary>
    /// The mixture likelihood ratio of a difference estimated as <paramref name="difference"/> with <paramref name="variance"/>
    /// (asymptotically normal): a stratified estimate (<see cref="LatencyComparison"/>) is tested like the plain one.
    /// </summary>
    public static Result OfEstimate(double difference, double variance)
    {
        if (variance <= 0) return new Result(1, difference);
        const double tau2 = MixingSd * MixingSd;
        var logRatio = 0.5 * Math.Log(variance / (variance + tau2)) + tau2 * difference * difference / (2 * variance * (variance + tau2));
        return new Result(Math.Exp(Math.Min(logRatio, 700)), difference);
    }
}
