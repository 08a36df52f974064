using Platform.Contracts.Services;

namespace Platform.Client;

/// <summary>What a page of services is asked for (see the API's <c>GET /api/v1/services</c>); null fields are left out.</summary>
public sealed record ServiceListRequest(string? Search = null, string? Team = null, bool Mine = false, string? Status = null, string? Sort = null, int? Limit = null);

public sealed partial class PlatformClient
{
    /// <summary>Every service, page after page (for scripts and the CLI; the portal asks for one page at a time).</summary>
    public Task<List<ServiceDto>> ServicesAsync(CancellationToken ct = default) => AllPagesAsync<ServiceDto>("api/v1/services?limit=500", ct);

    public Task<Page<ServiceDto>> ServicesPageAsync(ServiceListRequest request, CancellationToken ct = default)
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

    /// <summary>The page at <paramref name="path"/>: a first page's, or a <see cref="Page{T}.Next"/>.</summary>
    public Task<Page<ServiceDto>> ServicesPageAsync(string path, CancellationToken ct = default) => PageAsync<ServiceDto>(path, ct);
}
