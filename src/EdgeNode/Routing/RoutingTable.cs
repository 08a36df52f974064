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
    /// Swaps in <paramref name="routes"/> (each in place of its service's route, if any) and drops the services
    /// <paramref name="removed"/> names; the other routes stay as they are. Costs what changed plus a copy of the indexes,
    /// not a sort of every route: a change to one service among ten thousand is one insertion. Nothing changes (and
    /// <see cref="Changed"/> is not raised) when both are empty.
    /// </summary>
    public void Apply(IReadOnlyCollection<ServiceRoute> routes, IReadOnlyCollection<string> removed)
    {
        if (routes.Count == 0 && removed.Count == 0) return;
        Volatile.Write(ref _snapshot, Volatile.Read(ref _snapshot).With(routes, removed));
        Changed?.Invoke();
    }

    /// <summary>
    /// The routes in match order and indexed: by route without its trailing '/' (the first in match order wins a route two
    /// services were given), by service, the root route, and the longest route's length.
    /// </summary>
    private sealed record Snapshot(IReadOnlyList<ServiceRoute> Ordered, Dictionary<string, ServiceRoute> ByRoute,
        Dictionary<string, ServiceRoute> ByService, ServiceRoute? Root, int LongestRoute)
    {
        /// <summary>Beyond this many routes swapped in at once the snapshot is built whole.</summary>
        private const int ManyChanges = 64;

        /// <summary>Match order: longest route first, then by service name.</summary>
        private static readonly Comparer<ServiceRoute> MatchOrder = Comparer<ServiceRoute>.Create((a, b) =>
        {
            var byLength = Key(b).Length.CompareTo(Key(a).Length);
            return byLength != 0 ? byLength : string.CompareOrdinal(a.Service, b.Service);
        });

        public static Snapshot Of(IEnumerable<ServiceRoute> routes)
        {
            var ordered = routes.ToList();
            ordered.Sort(MatchOrder);
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

        /// <summary>This snapshot with <paramref name="routes"/> swapped in and the <paramref name="removed"/> services dropped.</summary>
        public Snapshot With(IReadOnlyCollection<ServiceRoute> routes, IReadOnlyCollection<string> removed)
        {
            var gone = new HashSet<string>(removed, StringComparer.Ordinal);
            gone.UnionWith(routes.Select(r => r.Service));
            // Many changes at once (a node's first state, or a whole state again): one sort beats as many insertions.
            if (routes.Count > ManyChanges) return Of(Ordered.Where(r => !gone.Contains(r.Service)).Concat(routes));
            // The route keys whose winner may change: those of the routes leaving and of those coming.
            var affected = new HashSet<string>(routes.Select(Key), StringComparer.Ordinal);
            var ordered = new List<ServiceRoute>(Ordered.Count + routes.Count);
            var byService = new Dictionary<string, ServiceRoute>(ByService, StringComparer.Ordinal);
            foreach (var route in Ordered)
            {
                if (!gone.Contains(route.Service))
                {
                    ordered.Add(route);
                    continue;
                }
                affected.Add(Key(route));
                byService.Remove(route.Service);
            }
            foreach (var route in routes)
            {
                var at = ordered.BinarySearch(route, MatchOrder);
                ordered.Insert(at < 0 ? ~at : at, route);
                byService.TryAdd(route.Service, route);
            }
            var byRoute = new Dictionary<string, ServiceRoute>(ByRoute, StringComparer.Ordinal);
            foreach (var key in affected) byRoute.Remove(key);
            var root = affected.Contains("") ? null : Root;
            // The first route in match order wins a key, as in a snapshot built whole.
            foreach (var route in ordered)
            {
                var key = Key(route);
                if (!affected.Contains(key)) continue;
                if (key.Length == 0) root ??= route;
                else byRoute.TryAdd(key, route);
            }
            return new Snapshot(ordered, byRoute, byService, root, ordered.Count > 0 ? Key(ordered[0]).Length : 0);
        }

        private static string Key(ServiceRoute route) => route.Route.TrimEnd('/');
    }
}
