namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// An anytime-valid test that the canary causes more than its share of some event (errors, or requests slower than a
/// threshold), after Lindon, Sanden and Shirikian, "Rapid regression detection in software deployments through
/// sequential testing" (Netflix, KDD 2022). If the canary is as good as stable, each event is the canary's with
/// probability q₀ = the canary's share of the requests; the Bayes factor of a Beta mixture (mean q₀, concentration
/// <see cref="Concentration"/>) against that null is a nonnegative martingale, so by Ville's inequality it ever reaches
/// 1/α with probability at most α: the test may be looked at after every heartbeat, and a failure needs no minimum
/// sample size. Only an excess (the canary's share of events above q₀) counts against the canary.
/// </summary>
public static class EventShareTest
{
    /// <summary>
    /// Concentration of the mixing distribution around the null share (a prior "sample size"): small enough that a
    /// canary failing every request is caught after a handful of them, large enough to find a one-point error
    /// increase at 10% weight within a few thousand requests (see the simulation in the domain tests).
    /// </summary>
    public const double Concentration = 4;

    /// <summary>The outcome: the Bayes factor and its always-valid p-value (1 / the factor, at most 1).</summary>
    public readonly record struct Result(double BayesFactor, double ObservedShare, double NullShare)
    {
        public double PValue => BayesFactor <= 1 ? 1 : 1 / BayesFactor;

        /// <summary>Whether the canary has more than its share and the evidence reaches 1/<paramref name="alpha"/>.</summary>
        public bool CanaryWorse(double alpha) => ObservedShare > NullShare && BayesFactor >= 1 / alpha;
    }

    /// <param name="canaryEvents">Events among the canary's requests.</param>
    /// <param name="stableEvents">Events among stable's requests.</param>
    /// <param name="canaryRequests">Requests the canary served (its exposure).</param>
    /// <param name="stableRequests">Requests stable served.</param>
    public static Result Compare(long canaryEvents, long stableEvents, long canaryRequests, long stableRequests)
    {
        var events = canaryEvents + stableEvents;
        if (canaryRequests <= 0 || stableRequests <= 0) return new Result(1, 0, 0);
        var q0 = (double)canaryRequests / (canaryRequests + stableRequests);
        if (events == 0) return new Result(1, 0, q0);
        double a = Concentration * q0, b = Concentration * (1 - q0);
        var logFactor = LogBeta(a + canaryEvents, b + stableEvents) - LogBeta(a, b)
            - canaryEvents * Math.Log(q0) - stableEvents * Math.Log(1 - q0);
        return new Result(Math.Exp(Math.Min(logFactor, 700)), (double)canaryEvents / events, q0);
    }

    private static double LogBeta(double a, double b) =>
        MathNet.Numerics.SpecialFunctions.GammaLn(a) + MathNet.Numerics.SpecialFunctions.GammaLn(b) - MathNet.Numerics.SpecialFunctions.GammaLn(a + b);
}
