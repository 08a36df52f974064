namespace Platform.Domain.Deployments.Analysis;

/// <summary>
/// The Mann-Whitney U (Wilcoxon rank-sum) test: do values of X tend to be larger than those of Y?
/// Makes no assumption about the shape of the distributions, which suits long-tailed latencies.
/// Normal approximation with tie correction and continuity correction, O(n log n).
/// </summary>
public static class MannWhitneyTest
{
    public static MannWhitneyResult Compare(IReadOnlyList<long> x, IReadOnlyList<long> y)
    {
        if (x.Count == 0 || y.Count == 0) throw new ArgumentException("Both samples need at least one value.", nameof(x));
        double nx = x.Count, ny = y.Count, n = nx + ny;
        var values = new long[x.Count + y.Count];
        var fromX = new bool[values.Length];
        for (var i = 0; i < x.Count; i++) (values[i], fromX[i]) = (x[i], true);
        for (var i = 0; i < y.Count; i++) values[x.Count + i] = y[i];
        Array.Sort(values, fromX);

        double rankSumX = 0, tieTerm = 0;
        for (var start = 0; start < values.Length;)
        {
            var end = start;
            while (end < values.Length && values[end] == values[start]) end++;
            var averageRank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                if (fromX[k]) rankSumX += averageRank;
            }
            double ties = end - start;
            tieTerm += ties * ties * ties - ties;
            start = end;
        }

        var u = rankSumX - nx * (nx + 1) / 2;
        var mean = nx * ny / 2;
        var variance = nx * ny / 12 * (n + 1 - (n > 1 ? tieTerm / (n * (n - 1)) : 0));
        var superiority = u / (nx * ny);
        if (variance <= 0) return new MannWhitneyResult(u, 0, 1, 1, superiority);
        var sigma = Math.Sqrt(variance);
        var z = (u - mean - 0.5) / sigma;
        var twoSided = Math.Min(1, 2 * NormalDistribution.UpperTail((Math.Abs(u - mean) - 0.5) / sigma));
        return new MannWhitneyResult(u, z, NormalDistribution.UpperTail(z), twoSided, superiority);
    }
}
