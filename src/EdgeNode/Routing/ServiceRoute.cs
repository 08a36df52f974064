using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeNode.Routing;

/// <summary>A service as the ingress sees it: its path prefix and its ready versions with their weights.</summary>
public sealed record ServiceRoute(string Service, string Route, IReadOnlyList<RoutedVersion> Versions)
{
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

    /// <summary>The version named by x-platform-version, or a weighted random pick; null when nothing takes traffic.</summary>
    public LoadedVersion? Choose(string? requestedVersion, Random random)
    {
        if (!string.IsNullOrEmpty(requestedVersion))
        {
            return Versions.FirstOrDefault(v => v.Loaded.Version == requestedVersion)?.Loaded;
        }
        var total = Versions.Sum(v => Math.Max(0, v.Weight));
        if (total <= 0)
        {
            return null;
        }
        var pick = random.Next(total);
        foreach (var version in Versions)
        {
            pick -= Math.Max(0, version.Weight);
            if (pick < 0)
            {
                return version.Loaded;
            }
        }
        return null;
    }
}
