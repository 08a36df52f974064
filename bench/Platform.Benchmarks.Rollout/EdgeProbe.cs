using System.Diagnostics;

namespace Platform.Benchmarks.Rollout;

/// <summary>Asks the edge nodes which version answers, as fast as one client per node can.</summary>
public sealed class EdgeProbe(IReadOnlyList<string> edges, string service) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(5) };

    private async Task<string> VersionAsync(string edge, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync($"{edge}/{service}/", ct);
            return response.Headers.TryGetValues("x-platform-version", out var values) ? values.First() : $"status {(int)response.StatusCode}";
        }
        catch (HttpRequestException)
        {
            return "unreachable";
        }
    }

    /// <summary>
    /// Time from <paramref name="since"/> until every node has answered only <paramref name="version"/> for
    /// <paramref name="streak"/> requests in a row: the moment of the first answer of each node's final streak, latest node.
    /// </summary>
    public async Task<TimeSpan> UntilOnlyAsync(string version, long since, int streak, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var times = await Task.WhenAll(edges.Select(async edge =>
        {
            long? streakStart = null;
            var inRow = 0;
            while (inRow < streak)
            {
                cts.Token.ThrowIfCancellationRequested();
                var asked = Stopwatch.GetTimestamp();
                if (await VersionAsync(edge, cts.Token) == version)
                {
                    streakStart ??= asked;
                    inRow++;
                }
                else
                {
                    (streakStart, inRow) = (null, 0);
                    await Task.Delay(2, cts.Token);
                }
            }
            return Stopwatch.GetElapsedTime(since, streakStart!.Value);
        }));
        return times.Max() < TimeSpan.Zero ? TimeSpan.Zero : times.Max();
    }

    /// <summary>Waits until every node has answered with <paramref name="version"/> at least once.</summary>
    public async Task SeenEverywhereAsync(string version, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await Task.WhenAll(edges.Select(async edge =>
        {
            while (await VersionAsync(edge, cts.Token) != version) await Task.Delay(5, cts.Token);
        }));
    }

    public void Dispose() => _http.Dispose();
}
