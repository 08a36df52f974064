namespace Platform.EdgeRuntime.Execution;

/// <summary>The platform:edge `request` record on the host side, plus what the ingress knows about the connection.</summary>
/// <param name="Uri">Path and query as the client sent them, e.g. "/hello/world?x=1".</param>
/// <param name="Headers">Lower-case names, in arrival order.</param>
public sealed record EdgeRequest(string Method, string Uri, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body) : GuestInput
{
    /// <summary>The route prefix that matched, e.g. "/hello-api" (WAGI: SCRIPT_NAME and X_MATCHED_ROUTE).</summary>
    public string Route { get; init; } = "/";

    /// <summary>"http" or "https" as the client reached the node.</summary>
    public string Scheme { get; init; } = "http";

    /// <summary>e.g. "HTTP/1.1".</summary>
    public string Protocol { get; init; } = "HTTP/1.1";

    /// <summary>The client's address, when known.</summary>
    public string? RemoteAddress { get; init; }

    /// <summary>The port the node accepted the request on.</summary>
    public int LocalPort { get; init; } = 80;

    /// <summary>All values of a header joined with ", ", or null when absent.</summary>
    public string? Header(string name)
    {
        var values = Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        return values.Count == 0 ? null : string.Join(", ", values);
    }
}
