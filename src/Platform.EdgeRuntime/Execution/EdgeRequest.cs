namespace Platform.EdgeRuntime.Execution;

/// <summary>The platform:edge `request` record on the host side.</summary>
/// <param name="Uri">Path and query as the client sent them, e.g. "/hello/world?x=1".</param>
/// <param name="Headers">Lower-case names, in arrival order.</param>
public sealed record EdgeRequest(string Method, string Uri, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);
