namespace Platform.Domain.Deployments;

/// <summary>
/// How one node shares a service's traffic (percentages adding up to 100): stable, the canary and, while a canary
/// with analysis takes traffic, the baseline: a fresh copy of stable started with the canary and given the same
/// weight, taken out of stable's share (canary 20: baseline 20, stable 60), but never more than half of it: stable
/// keeps serving at least as much as the baseline (canary 50: baseline 25, stable 25; canary 80: 10 and 10), so the
/// live version stays live and comparable. At 0 and 100 (and 99, which leaves stable 1) there is none.
/// </summary>
public sealed record TrafficSplit(int Stable, int Canary, int Baseline)
{
    public static TrafficSplit StableOnly { get; } = new(100, 0, 0);

    public bool HasBaseline => Baseline > 0;

    /// <param name="canary">The canary's weight, 0..100.</param>
    /// <param name="withBaseline">Whether the rollout compares the canary with a baseline (its strategy analyses).</param>
    public static TrafficSplit Of(int canary, bool withBaseline)
    {
        canary = Math.Clamp(canary, 0, 100);
        var baseline = withBaseline ? Math.Min(canary, (100 - canary) / 2) : 0;
        return new TrafficSplit(100 - canary - baseline, canary, baseline);
    }
}
