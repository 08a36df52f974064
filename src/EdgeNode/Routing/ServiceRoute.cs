using System.Text;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeNode.Routing;

/// <summary>A service as the ingress sees it: its path prefix and its ready versions with their weights.</summary>
public sealed record ServiceRoute(string Service, string Route, IReadOnlyList<RoutedVersion> Versions)
{
    /// <summary>The cookie that keeps a client on one version of this service.</summary>
    public string CookieName => Platform.EdgeRuntime.Cookies.GuestCookies.ReservedPrefix + "version-" + Service;

    /// <summary>True when <paramref name="path"/> is the route or lies below it on a segment boundary.</summary>
    public bool Matches(string path)
    {
        var route = Route.TrimEnd('/');
        if (route.Length == 0)
        {
            return true;
        }
        return path.StartsWith(route, StringComparison.Ordinal) && (path.Length == route.Length || path[route.Length] == '/');
    }

    /// <summary>
    /// Picks the version for a request: the pinned version (x-platform-version) wins; then a sticky
    /// key hashed into the weights; then the version named by the sticky cookie while it still has
    /// weight &gt; 0; otherwise a weighted random pick, which issues a cookie when a canary runs.
    /// A baseline copy of stable is not a version of its own: a pin names the version itself, and the
    /// cookie of either copy names the version, whose live copies then share its clients by weight
    /// (so the baseline gets its weight's share of requests while clients stay on stable's code).
    /// </summary>
    public VersionChoice Choose(VersionPreference preference, Random random)
    {
        if (!string.IsNullOrEmpty(preference.Pinned))
        {
            return new VersionChoice(Versions.FirstOrDefault(v => v.Loaded.Role == VersionRole.Serving && v.Loaded.Version == preference.Pinned)?.Loaded,
                IssueCookie: false);
        }
        var total = 0;
        var liveCount = 0;
        for (var i = 0; i < Versions.Count; i++)
        {
            if (Versions[i].Weight > 0)
            {
                total += Versions[i].Weight;
                liveCount++;
            }
        }
        if (total <= 0)
        {
            return new VersionChoice(null, IssueCookie: false);
        }
        if (!string.IsNullOrEmpty(preference.StickyKey))
        {
            return new VersionChoice(Pick((int)(StableHash(preference.StickyKey) % (ulong)total)), IssueCookie: false);
        }
        if (!string.IsNullOrEmpty(preference.CookieVersion) && LiveVersion(preference.CookieVersion, random) is { } kept)
        {
            return new VersionChoice(kept, IssueCookie: false);
        }
        return new VersionChoice(Pick(random.Next(total)), IssueCookie: liveCount > 1);
    }

    /// <summary>The Set-Cookie value that keeps a client on <paramref name="version"/>: for the route on the shared host, for "/" on the service's own host.</summary>
    public string StickyCookie(LoadedVersion version, string path) =>
        $"{CookieName}={version.Version}; Path={path}; HttpOnly; SameSite=Lax";

    /// <summary>The live version (weight &gt; 0) a ticket in 0..total-1 falls on.</summary>
    private LoadedVersion Pick(int ticket)
    {
        LoadedVersion? last = null;
        for (var i = 0; i < Versions.Count; i++)
        {
            if (Versions[i].Weight <= 0)
            {
                continue;
            }
            ticket -= Versions[i].Weight;
            last = Versions[i].Loaded;
            if (ticket < 0)
            {
                return last;
            }
        }
        return last!;
    }

    /// <summary>A live copy (weight &gt; 0) of <paramref name="version"/>: the version itself or its baseline copy, by their weights.</summary>
    private LoadedVersion? LiveVersion(string version, Random random)
    {
        var total = 0;
        for (var i = 0; i < Versions.Count; i++)
        {
            if (Versions[i].Weight > 0 && Versions[i].Loaded.Version == version)
            {
                total += Versions[i].Weight;
            }
        }
        if (total == 0)
        {
            return null;
        }
        var ticket = random.Next(total);
        LoadedVersion? last = null;
        for (var i = 0; i < Versions.Count; i++)
        {
            if (Versions[i].Weight > 0 && Versions[i].Loaded.Version == version)
            {
                last = Versions[i].Loaded;
                ticket -= Versions[i].Weight;
                if (ticket < 0)
                {
                    break;
                }
            }
        }
        return last;
    }

    /// <summary>FNV-1a over the key's UTF-8 bytes: the same on every node and every run (string.GetHashCode is randomized).</summary>
    private static ulong StableHash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return hash;
    }
}
