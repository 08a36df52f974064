using System.Net;

namespace Platform.EndToEnd.Tests.Support;

/// <summary>
/// What a service built from tests/components-events/recorder handled, read back over HTTP from each edge node's own
/// key-value store (<c>GET /{service}/history/{key}</c>): per node and key, the events in the order that node handled them.
/// </summary>
public static class ConsumerHistories
{
    /// <param name="edges">The nodes to ask (default: every node of the stack), as indexes into <see cref="PlatformStack.EdgeUrls"/>.</param>
    public static async Task<HandledEvents> ReadAsync(PlatformStack stack, string service, IEnumerable<string> keys, params int[] edges)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(15) };
        var handled = new List<HandledEvent>();
        var keyList = keys.Distinct().ToList();
        foreach (var index in edges.Length > 0 ? edges : Enumerable.Range(0, stack.EdgeUrls.Count))
        {
            var node = $"edge-{index + 1}";
            foreach (var key in keyList)
            {
                using var response = await http.GetAsync($"{stack.EdgeUrls[index]}/{service}/history/{Uri.EscapeDataString(key)}");
                // The recorder's own 404 (no history of the key there) carries the version that answered; the node's does not.
                if (response.StatusCode == HttpStatusCode.NotFound && response.Headers.Contains("x-platform-version")) continue;
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{node} answered {(int)response.StatusCode} for the history of {key}: {await response.Content.ReadAsStringAsync()}");
                var body = await response.Content.ReadAsStringAsync();
                handled.AddRange(body.Split(',').Select((entry, position) => HandledEvent.Parse(node, key, position, entry)));
            }
        }
        return new HandledEvents(handled);
    }

    /// <summary>
    /// Each node handled each key's events in the order they were published. A repeat of an event is allowed (at least once: a
    /// node killed before it acknowledged), going back to an earlier event of the key is not.
    /// </summary>
    public static void AssertEachKeyInPublishingOrder(IEnumerable<HandledEvent> handled, IReadOnlyList<PublishedEvent> published)
    {
        var order = published.Select((e, i) => (e.Data, i)).ToDictionary(p => p.Data, p => p.i);
        foreach (var history in handled.GroupBy(h => (h.Node, h.Key)))
        {
            var positions = history.OrderBy(h => h.Position).Select(h => order[h.Data]).ToList();
            Assert.True(positions.SequenceEqual(positions.Order()), $"{history.Key.Key} on {history.Key.Node} in publishing order: {string.Join(",", positions)}");
        }
    }
}
