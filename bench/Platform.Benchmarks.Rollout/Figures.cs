using System.Globalization;

namespace Platform.Benchmarks.Rollout;

/// <summary>How the rollout benchmarks print what they measured.</summary>
public static class Figures
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Line(string name, IReadOnlyCollection<double> ms) => string.Create(CultureInfo.InvariantCulture,
        $"{name,-40} median {Median(ms),6:0} ms   min {ms.Min(),6:0} ms   max {ms.Max(),6:0} ms");
}
