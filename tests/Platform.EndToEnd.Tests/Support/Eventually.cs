namespace Platform.EndToEnd.Tests.Support;

/// <summary>Waits for a condition the system reaches asynchronously (a build, a rollout), failing with the last state seen.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await read();
            if (done(last)) return last;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s; last state: {last}");
            await Task.Delay(250);
        }
    }
}
