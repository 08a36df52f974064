using System.Net.Http.Json;
using Platform.Contracts.Services;

namespace Platform.Client;

/// <summary>What a page of services is asked for (see the API's <c>GET /api/v1/services</c>); null fields are left out.</summary>
public sealed record ServiceListRequest(string? Search = null, string? Team = null, bool Mine = false, string? Status = null, string? Sort = null, int? Limit = null);

/// <summary>One page of services, how many match in all, and the path of the next page (null on the last).</summary>
public sealed record ServicePage(List<ServiceDto> Items, int Total, string? Next);

public sealed partial class PlatformClient
{
    /// <summary>Every service, page after page (for scripts and the CLI; the portal asks for one page at a time).</summary>
    public async Task<List<ServiceDto>> ServicesAsync(CancellationToken ct = default)
    {
        var all = new List<ServiceDto>();
        string? path = "api/v1/services?limit=500";
        while (path is not null)
        {
            var page = await ServicesPageAsync(path, ct);
            all.AddRange(page.Items);
            path = page.Next;
        }
        return all;
    }

    public Task<ServicePage> ServicesPageAsync(ServiceListRequest request, CancellationToken ct = default)
    {
        var query = new List<string>();
        if (request.Search is { Length: > 0 } search) query.Add($"search={Uri.EscapeDataString(search)}");
        if (request.Team is { Length: > 0 } team) query.Add($"team={Uri.EscapeDataString(team)}");
        if (request.Mine) query.Add("mine=true");
        if (request.Status is { Length: > 0 } status) query.Add($"status={Uri.EscapeDataString(status)}");
        if (request.Sort is { Length: > 0 } sort) query.Add($"sort={Uri.EscapeDataString(sort)}");
        if (request.Limit is { } limit) query.Add($"limit={limit}");
        return ServicesPageAsync("api/v1/services" + (query.Count == 0 ? "" : "?" + string.Join("&", query)), ct);
    }

    /// <summary>The page at <paramref name="path"/>: a first page's, or a <see cref="ServicePage.Next"/>.</summary>
    public async Task<ServicePage> ServicesPageAsync(string path, CancellationToken ct = default)
    {
        using var response = await http.GetAsync(path.TrimStart('/'), ct);
        await EnsureSuccessAsync(response, ct);
        var items = (await response.Content.ReadFromJsonAsync<List<ServiceDto>>(Json, ct))!;
        var total = response.Headers.TryGetValues("X-Total-Count", out var counts) && int.TryParse(counts.FirstOrDefault(), out var count) ? count : items.Count;
        return new ServicePage(items, total, NextLink(response));
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
