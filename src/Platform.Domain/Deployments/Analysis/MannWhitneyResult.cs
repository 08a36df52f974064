namespace Platform.Domain.Deployments.Analysis;

/// <summary>The outcome of a Mann-Whitney U test of sample X against sample Y.</summary>
/// <param name="U">Pairs where X is larger, ties counted half (0..nx·ny).</param>
/// <param name="Z">The normal score of <paramref name="U"/>, tie- and continuity-corrected, for "X is larger".</param>
/// <param name="PGreater">One-sided p-value of "X tends to be larger than Y".</param>
/// <param name="PTwoSided">Two-sided p-value of "X and Y differ".</param>
/// <param name="ProbabilityOfSuperiority">P(X &gt; Y) + ½·P(X = Y) for a random pair: U / (nx·ny).</param>
public sealed record MannWhitneyResult(double U, double Z, double PGreater, double PTwoSided, double ProbabilityOfSuperiority)
{
    /// <summary>Cliff's delta, P(X &gt; Y) − P(X &lt; Y): 0 when neither tends to be larger, 1 when X always is.</summary>
    public double CliffsDelta => 2 * ProbabilityOfSuperiority - 1;
}
