namespace Platform.Client;

/// <summary>
/// Delays between retries of a control-plane call that keeps failing: exponential from
/// <c>initial</c> up to <c>max</c>, each with "equal jitter" (half the step fixed, half random), so
/// a fleet of nodes that lost the control plane together does not come back in lockstep and no
/// retry ever follows at once. <see cref="Reset"/> after a success. Not thread-safe: one per loop.
/// </summary>
public sealed class RetryBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private int _failures;

    /// <summary>Failures in a row so far.</summary>
    public int Failures => _failures;

    /// <summary>The delay before the next attempt, after one more failure.</summary>
    public TimeSpan Next()
    {
        var step = initial.Ticks * Math.Pow(2, Math.Min(_failures, 30));
        _failures++;
        var capped = Math.Min(step, max.Ticks);
        return TimeSpan.FromTicks((long)(capped / 2 + _random.NextDouble() * capped / 2));
    }

    public void Reset() => _failures = 0;
}
