namespace Platform.EdgeNode.Routing;

/// <summary>
/// The services this node serves. Readers see one immutable snapshot; a service is swapped in
/// whole (all of its versions ready) by replacing the snapshot atomically.
/// </summary>
public sealed class RoutingTable
{
    private IReadOnlyList<ServiceRoute> _routes = [];

    /// <summary>Longest route first, so the first match is the longest prefix.</summary>
    public IReadOnlyList<ServiceRoute> Routes => Volatile.Read(ref _routes);

    public ServiceRoute? Find(string service) => Routes.FirstOrDefault(r => r.Service == service);

    public ServiceRoute? Match(string path)
    {
        var routes = Routes;
        for (var i = 0; i < routes.Count; i++)
        {
            if (routes[i].Matches(path))
            {
                return routes[i];
            }
        }
        return null;
    }

    /// <summary>Raised after every <see cref="Replace"/> (on the replacing thread): the event consumers follow the table.</summary>
    public event Action? Changed;

    public void Replace(IEnumerable<ServiceRoute> routes)
    {
        var ordered = routes
            .OrderByDescending(r => r.Route.TrimEnd('/').Length)
            .ThenBy(r => r.Service, StringComparer.Ordinal)
            .ToList();
        Volatile.Write(ref _routes, ordered);
        Changed?.Invoke();
    }
}
