namespace Platform.EdgeRuntime.Cookies;

/// <summary>
/// Where a service's cookies may reach. On the node's shared host (services told apart by path) every
/// guest cookie is pinned to the service's route and no Domain attribute survives; on the service's own
/// host (<c>&lt;service&gt;.&lt;domain&gt;</c>) a cookie keeps its Path, and a Domain attribute survives only
/// when it names that host (never the parent domain other services share).
/// </summary>
public sealed record CookieScope
{
    private CookieScope(string? path, string? host)
    {
        Path = path;
        Host = host;
    }

    /// <summary>The Path every cookie is forced to (shared host), or null to keep the guest's (own host).</summary>
    public string? Path { get; }

    /// <summary>The only Domain a cookie may name (own host), or null to drop every Domain (shared host).</summary>
    public string? Host { get; }

    /// <summary>The shared, path-routed host: cookies are confined to <paramref name="route"/>.</summary>
    public static CookieScope SharedHost(string route) => new(route.Length == 0 ? "/" : route, null);

    /// <summary>The service's own host name (without port).</summary>
    public static CookieScope OwnHost(string host) => new(null, host);
}
