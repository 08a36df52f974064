namespace Platform.EdgeNode.Routing;

/// <summary>
/// The services this node serves. Readers see one immutable snapshot; a service is swapped in
/// whole (all of its versions ready) by replacing the snapshot atomically. A request's route is found by
/// its path's segment prefixes, longest first, each one lookup in an index of the routes (and a service
/// by name in another): what a request costs does not grow with the number of services on the node.
/// </summary>
public sealed class RoutingTable
{
    private Snapshot _snapshot = Snapshot.Of([]);

    /// <summary>Longest route first (then by service name), so the first match is the longest prefix.</summary>
    public IReadOnlyList<ServiceRoute> Routes => Volatile.Read(ref _snapshot).Ordered;

    public ServiceRoute? Find(string service) => Volatile.Read(ref _snapshot).ByService.GetValueOrDefault(service);

    /// <summary>
    /// The route of <paramref name="path"/>: the longest route that is the path itself or a prefix of it ending at a
    /// segment boundary ("/shop" takes "/shop" and "/shop/cart", not "/shopping"); the root route ("/") takes the rest.
    /// </summary>
    public ServiceRoute? Match(string path)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var byRoute = snapshot.ByRoute.GetAlternateLookup<ReadOnlySpan<char>>();
        var candidate = path.AsSpan();
        if (candidate.Length > snapshot.LongestRoute)
        {
            // No route is longer: start at the last segment boundary within the longest one, so a path of thousands of
            // segments costs at most as many lookups as the longest route has segments.
            candidate = candidate[..Math.Max(0, candidate[..(snapshot.LongestRoute + 1)].LastIndexOf('/'))];
        }
        while (candidate.Length > 0)
        {
            if (byRoute.TryGetValue(candidate, out var route))
            {
                return route;
            }
            // The next shorter candidate ends where the current one's last segment begins.
            var slash = candidate.LastIndexOf('/');
            if (slash <= 0)
            {
                break;
            }
            candidate = candidate[..slash];
        }
        return snapshot.Root;
    }

    /// <summary>Raised after every <see cref="Replace"/> (on the replacing thread): the event consumers follow the table.</summary>
    public event Action? Changed;

    public void Replace(IEnumerable<ServiceRoute> routes)
    {
        Volatile.Write(ref _snapshot, Snapshot.Of(routes));
        Changed?.Invoke();
    }

    /// <summary>
    /// The routes in match order and indexed: by route without its trailing '/' (the first in match order wins a route two
    /// services were given), by service, the root route, and the longest route's length.
    /// </summary>
    private sealed record Snapshot(IReadOnlyList<ServiceRoute> Ordered, Dictionary<string, ServiceRoute> ByRoute,
        Dictionary<string, ServiceRoute> ByService, ServiceRoute? Root, int LongestRoute)
    {
        public static Snapshot Of(IEnumerable<ServiceRoute> routes)
        {
            var ordered = routes
                .OrderByDescending(r => Key(r).Length)
                .ThenBy(r => r.Service, StringComparer.Ordinal)
                .ToList();
            var byRoute = new Dictionary<string, ServiceRoute>(StringComparer.Ordinal);
            var byService = new Dictionary<string, ServiceRoute>(StringComparer.Ordinal);
            ServiceRoute? root = null;
            foreach (var route in ordered)
            {
                var key = Key(route);
                if (key.Length == 0)
                {
                    root ??= route;
                }
                else
                {
                    byRoute.TryAdd(key, route);
                }
                byService.TryAdd(route.Service, route);
            }
            return new Snapshot(ordered, byRoute, byService, root, ordered.Count > 0 ? Key(ordered[0]).Length : 0);
        }

        private static string Key(ServiceRoute route) => route.Route.TrimEnd('/');
    }
}
