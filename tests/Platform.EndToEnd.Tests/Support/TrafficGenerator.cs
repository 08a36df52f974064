using System.Collections.Concurrent;

namespace Platform.EndToEnd.Tests.Support;

/// <summary>
/// Live traffic for a canary: a few loops sending requests round the edge nodes (no cookies, so no client is
/// kept on one version) until stopped, counting the answers by version and status.
/// </summary>
public sealed class TrafficGenerator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Task[] _loops;

    public TrafficGenerator(IReadOnlyList<string> urls, int loops = 2)
    {
        _loops = Enumerable.Range(0, loops).Select(i => Task.Run(() => LoopAsync(urls, i))).ToArray();
    }

    /// <summary>Answers seen, by "version status" (e.g. "1.1.0 500").</summary>
    public ConcurrentDictionary<string, int> Answers { get; } = new(StringComparer.Ordinal);

    private async Task LoopAsync(IReadOnlyList<string> urls, int offset)
    {
        for (var i = offset; !_stop.IsCancellationRequested; i++)
        {
            try
            {
                using var response = await _http.GetAsync(urls[i % urls.Count], _stop.Token);
                var version = response.Headers.TryGetValues("x-platform-version", out var values) ? values.First() : "-";
                Answers.AddOrUpdate($"{version} {(int)response.StatusCode}", 1, (_, n) => n + 1);
                await Task.Delay(4, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                Answers.AddOrUpdate("unreachable", 1, (_, n) => n + 1);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        _http.Dispose();
        _stop.Dispose();
    }
}
