using System.Net.Http.Json;

namespace Platform.Client;

/// <summary>One page of a list, how many match in all, and the path of the next page (null on the last).</summary>
public sealed record Page<T>(List<T> Items, int Total, string? Next);

/// <summary>The API's lists page alike: the body is the page, <c>X-Total-Count</c> the matches, <c>Link: rel="next"</c> the next page.</summary>
public sealed partial class PlatformClient
{
    /// <summary>
    /// The page of a list at <paramref name="path"/> (e.g. <c>api/v1/nodes?limit=50</c>, or a page's <see cref="Page{T}.Next"/>).
    /// </summary>
    public async Task<Page<T>> PageAsync<T>(string path, CancellationToken ct = default)
    {
        using var response = await http.GetAsync(path.TrimStart('/'), ct);
        await EnsureSuccessAsync(response, ct);
        var items = (await response.Content.ReadFromJsonAsync<List<T>>(Json, ct))!;
        var total = response.Headers.TryGetValues("X-Total-Count", out var counts) && int.TryParse(counts.FirstOrDefault(), out var count) ? count : items.Count;
        return new Page<T>(items, total, NextLink(response));
    }

    /// <summary>Every item of a list, following its pages from <paramref name="path"/>.</summary>
    private async Task<List<T>> AllPagesAsync<T>(string path, CancellationToken ct)
    {
        var all = new List<T>();
        for (string? next = path; next is not null;)
        {
            var page = await PageAsync<T>(next, ct);
            all.AddRange(page.Items);
            next = page.Next;
        }
        return all;
    }

    /// <summary>The target of <c>Link: &lt;…&gt;; rel="next"</c>, relative to the API's base address.</summary>
    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links)) return null;
        foreach (var link in links.SelectMany(l => l.Split(',')))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length > 1 && parts[0].StartsWith('<') && parts[0].EndsWith('>') && parts.Skip(1).Any(p => p == "rel=\"next\""))
                return parts[0][1..^1].TrimStart('/');
        }
        return null;
    }
}
