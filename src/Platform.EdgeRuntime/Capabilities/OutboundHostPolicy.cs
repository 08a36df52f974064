namespace Platform.EdgeRuntime.Capabilities;

/// <summary>
/// The manifest's allowed_outbound_hosts. Entries are "host", "host:port", "*.suffix" or a URL
/// origin such as "https://api.example.com" / "https://*.example.com:8443"; a scheme or port in
/// the entry must match (a scheme without a port means that scheme's default port); an entry with
/// neither accepts any. "*" alone allows every host.
/// </summary>
public sealed class OutboundHostPolicy
{
    private readonly IReadOnlyList<Entry> _entries;

    public OutboundHostPolicy(IEnumerable<string> allowedHosts)
    {
        _entries = allowedHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(Parse).ToList();
    }

    public bool Allows(Uri uri)
    {
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }
        var host = uri.IdnHost.ToLowerInvariant();
        return _entries.Any(e =>
            (e.Scheme is null || e.Scheme == uri.Scheme) &&
            (e.Port is null || e.Port == uri.Port) &&
            HostMatches(e.Host, host));
    }

    private static bool HostMatches(string pattern, string host) =>
        pattern == "*" ||
        (pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.Ordinal) && host.Length > pattern.Length - 1
            : pattern == host);

    private static Entry Parse(string entry)
    {
        var text = entry.Trim().ToLowerInvariant();
        string? scheme = null;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            scheme = text[..schemeEnd];
            text = text[(schemeEnd + 3)..];
        }
        text = text.TrimEnd('/');
        int? port = null;
        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text[(colon + 1)..], out var parsed))
        {
            port = parsed;
            text = text[..colon];
        }
        // "https://api.example.com" means port 443, not every port of that host.
        port ??= scheme switch { "https" => 443, "http" => 80, _ => null };
        return new Entry(scheme, text, port);
    }

    private sealed record Entry(string? Scheme, string Host, int? Port);
}
