namespace Platform.EdgeNode.Routing;

/// <summary>
/// Host routing: a request for "&lt;service&gt;.&lt;service domain&gt;" belongs to that service whatever its
/// path (its own origin), and never falls back to path routing: a name under the domain that no service
/// holds is a 404, so one service's host cannot serve another's paths.
/// </summary>
public static class ServiceHosts
{
    /// <summary>
    /// The service label when <paramref name="host"/> (no port) lies under <paramref name="domain"/>, lower
    /// case (a nested name such as "a.b" is returned whole and matches no service); null for any other host,
    /// which is the node's shared, path-routed host.
    /// </summary>
    public static string? ServiceName(string host, string? domain)
    {
        if (string.IsNullOrEmpty(domain))
        {
            return null;
        }
        host = host.TrimEnd('.');
        domain = domain.Trim('.');
        if (host.Length <= domain.Length + 1
            || !host.EndsWith(domain, StringComparison.OrdinalIgnoreCase)
            || host[host.Length - domain.Length - 1] != '.')
        {
            return null;
        }
        return host[..(host.Length - domain.Length - 1)].ToLowerInvariant();
    }

    /// <summary>A service's own host name, e.g. "shop.edge.example.com".</summary>
    public static string For(string service, string domain) => service + "." + domain.Trim('.');
}
