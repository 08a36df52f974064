namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// The standard normal distribution, from a Chebyshev-fitted complementary error function
/// (relative error below 1.2e-7 everywhere, so tail probabilities stay accurate too).
/// </summary>
public static class NormalDistribution
{
    /// <summary>P(Z ≤ z).</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>P(Z &gt; z), computed directly so small tails do not vanish in 1 − Cdf.</summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>The complementary error function erfc(x) = 1 − erf(x).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        var a = Math.Abs(x);
        var t = 1.0 / (1.0 + 0.5 * a);
        var polynomial = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        var tail = t * Math.Exp(-a * a + polynomial);
        return x >= 0 ? tail : 2.0 - tail;
    }
}
