using Platform.Contracts.Rollouts;

namespace Platform.Domain.Deployments.Strategy;

/// <summary>Reads the <c>analysis</c> of a step over a default analysis.</summary>
internal static class AnalysisSpecParser
{
    public static AnalysisSpec? Read(AnalysisSpecDto document, AnalysisSpec defaults, string field, ValidationErrors errors)
    {
        var before = errors.ToDictionary().Count;
        var seconds = document.DurationSeconds ?? (int)defaults.Duration.TotalSeconds;
        Check(seconds >= 1 && seconds <= AnalysisSpec.MaxDuration.TotalSeconds, $"{field}.durationSeconds",
            $"An analysis gathers from 1 to {AnalysisSpec.MaxDuration.TotalSeconds:0} seconds.", errors);
        var minRequests = document.MinRequests ?? defaults.MinRequests;
        Check(minRequests >= 1, $"{field}.minRequests", "At least one request per side is needed.", errors);
        var minSamples = document.MinLatencySamples ?? defaults.MinLatencySamples;
        Check(minSamples >= AnalysisSpec.FewestLatencySamples, $"{field}.minLatencySamples",
            $"The latency test needs at least {AnalysisSpec.FewestLatencySamples} samples per side.", errors);
        var maxIncrease = document.MaxErrorRateIncrease ?? defaults.MaxErrorRateIncrease;
        Check(maxIncrease is >= 0 and <= 1, $"{field}.maxErrorRateIncrease",
            "The allowed error-rate increase is a fraction from 0 to 1 (0.01 = one percentage point).", errors);
        var alpha = document.Alpha ?? defaults.Alpha;
        Check(alpha is > 0 and <= 0.5, $"{field}.alpha", "The significance level is above 0 and at most 0.5 (0.05 is usual).", errors);
        var effect = document.MaxLatencyEffect ?? defaults.MaxLatencyEffect;
        Check(effect is >= 0 and < 1, $"{field}.maxLatencyEffect",
            "The latency effect threshold is a Cliff's delta from 0 up to (not including) 1 (0.2 is usual).", errors);
        var quantile = document.LatencyQuantile ?? defaults.LatencyQuantile;
        Check(quantile is >= 0.01 and <= 0.999, $"{field}.latencyQuantile",
            "The compared latency quantile is from 0.01 to 0.999 (0.5 = median, 0.99 = tail).", errors);
        var relative = document.MaxLatencyIncrease ?? defaults.MaxLatencyIncrease;
        Check(relative is >= 0 and <= 100, $"{field}.maxLatencyIncrease",
            "The tolerated relative latency increase is a fraction from 0 to 100 (0.1 = canary 10% slower).", errors);
        var absolute = document.MaxLatencyIncreaseMs ?? defaults.MaxLatencyIncreaseMs;
        Check(absolute is >= 0 and <= AnalysisSpec.MaxLatencyIncreaseMsLimit, $"{field}.maxLatencyIncreaseMs",
            $"The tolerated absolute latency increase is from 0 to {AnalysisSpec.MaxLatencyIncreaseMsLimit:0} milliseconds.", errors);
        // A default warm-up as long as this analysis (set for longer ones) gives way to the quarter rule.
        TimeSpan? warmup = document.WarmupSeconds is { } w ? TimeSpan.FromSeconds(w) : defaults.Warmup is { } d && d.TotalSeconds < seconds ? d : null;
        Check(warmup is null || (warmup >= TimeSpan.Zero && warmup.Value.TotalSeconds < seconds), $"{field}.warmupSeconds",
            "The latency warm-up is from 0 seconds up to (not including) the analysis's duration.", errors);
        return errors.ToDictionary().Count == before
            ? new AnalysisSpec(TimeSpan.FromSeconds(seconds), minRequests, minSamples, maxIncrease, alpha, effect, quantile, relative, absolute, warmup)
            : null;
    }

    private static void Check(bool ok, string field, string message, ValidationErrors errors)
    {
        if (!ok) errors.Add(field, message);
    }
}
