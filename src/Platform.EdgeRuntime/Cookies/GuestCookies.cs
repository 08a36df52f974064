namespace Platform.EdgeRuntime.Cookies;

/// <summary>
/// Keeps cookies between a guest and the client inside the guest's origin: cookies whose name starts with
/// <see cref="ReservedPrefix"/> belong to the platform (the sticky version cookies) and are neither shown to
/// a guest nor settable by one; every other Set-Cookie is confined to the service's <see cref="CookieScope"/>.
/// Headers without cookies pass through without a copy.
/// </summary>
public static class GuestCookies
{
    /// <summary>Cookie names the platform reserves, e.g. "platform-version-shop".</summary>
    public const string ReservedPrefix = "platform-";

    public static bool IsReserved(string cookieName) => cookieName.Trim().StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The request headers with the platform's cookies taken out of every Cookie header (a header left empty is dropped).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> StripReserved(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        if (!Contains(headers, static h => IsCookie(h.Key) && h.Value.Contains(ReservedPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            return headers;
        }
        var kept = new List<KeyValuePair<string, string>>(headers.Count);
        foreach (var header in headers)
        {
            if (!IsCookie(header.Key))
            {
                kept.Add(header);
                continue;
            }
            var pairs = header.Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(pair => !IsReserved(NameOf(pair))).ToList();
            if (pairs.Count > 0)
            {
                kept.Add(new(header.Key, string.Join("; ", pairs)));
            }
        }
        return kept;
    }

    /// <summary>The response headers with each Set-Cookie confined to <paramref name="scope"/>; the platform's cookie names are dropped.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Confine(IReadOnlyList<KeyValuePair<string, string>> headers, CookieScope scope)
    {
        if (!Contains(headers, static h => IsSetCookie(h.Key)))
        {
            return headers;
        }
        var confined = new List<KeyValuePair<string, string>>(headers.Count);
        foreach (var header in headers)
        {
            if (!IsSetCookie(header.Key))
            {
                confined.Add(header);
            }
            else if (Confine(header.Value, scope) is { } value)
            {
                confined.Add(new(header.Key, value));
            }
        }
        return confined;
    }

    /// <summary>One Set-Cookie value confined to the scope, or null when it names a platform cookie.</summary>
    public static string? Confine(string setCookie, CookieScope scope)
    {
        var parts = setCookie.Split(';', StringSplitOptions.TrimEntries);
        if (IsReserved(NameOf(parts[0])))
        {
            return null;
        }
        var kept = new List<string>(parts.Length + 1) { parts[0] };
        foreach (var attribute in parts.Skip(1))
        {
            var name = NameOf(attribute);
            if (name.Equals("path", StringComparison.OrdinalIgnoreCase) && scope.Path is not null)
            {
                continue;
            }
            if (name.Equals("domain", StringComparison.OrdinalIgnoreCase) && !IsOwnDomain(attribute, scope))
            {
                continue;
            }
            if (attribute.Length > 0)
            {
                kept.Add(attribute);
            }
        }
        if (scope.Path is not null)
        {
            kept.Add("Path=" + scope.Path);
        }
        return string.Join("; ", kept);
    }

    private static bool IsOwnDomain(string attribute, CookieScope scope)
    {
        var equals = attribute.IndexOf('=', StringComparison.Ordinal);
        var domain = equals < 0 ? string.Empty : attribute[(equals + 1)..].Trim().TrimStart('.');
        return scope.Host is not null && domain.Equals(scope.Host, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The text before '=' (a cookie's or an attribute's name), trimmed. A pair without '=' is judged by all of
    /// its text: browsers store "platform-version-x" as a nameless cookie that they send back as that text.
    /// </summary>
    private static string NameOf(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? pair.Trim() : pair[..equals].Trim();
    }

    /// <summary>As LINQ's <c>Any</c>, by index (on every request: no enumerator).</summary>
    private static bool Contains(IReadOnlyList<KeyValuePair<string, string>> headers, Func<KeyValuePair<string, string>, bool> match)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (match(headers[i])) return true;
        }
        return false;
    }

    private static bool IsCookie(string name) => name.Equals("cookie", StringComparison.OrdinalIgnoreCase);

    private static bool IsSetCookie(string name) => name.Equals("set-cookie", StringComparison.OrdinalIgnoreCase);
}
