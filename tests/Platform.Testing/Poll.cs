using System.Diagnostics;

namespace Platform.Testing;

/// <summary>
/// Waits for something another thread or process brings about (a node's heartbeat, a guest reaching its
/// loop, a scrape catching up), looking every few milliseconds, up to a bound of real time. Not for time
/// itself: where time is the subject the tests use a fake clock.
/// </summary>
public static class Poll
{
    /// <summary>Returns once <paramref name="condition"/> holds; throws a <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0.#} s.");
            }
            await Task.Delay(5);
        }
    }
}
