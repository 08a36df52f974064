namespace Platform.Contracts.Nodes;

/// <summary>Sent by an edge node with the enrolment token as bearer credential.</summary>
/// <param name="Name">Unique node name, e.g. "edge-eu-1". Re-enrolling the same name rotates its token.</param>
/// <param name="Region">Region label used for rollout rings.</param>
/// <param name="BaseUrl">Where the node's ingress answers, e.g. "http://127.0.0.1:8081".</param>
/// <param name="ServiceDomain">
/// The node serves each service on "&lt;service&gt;.&lt;ServiceDomain&gt;" too (its own origin, at BaseUrl's scheme and
/// port), e.g. "edge.example.com" or "localhost"; null when the node routes by path only.
/// </param>
public sealed record EnrolNodeRequest(string Name, string Region, string BaseUrl, IReadOnlyDictionary<string, string>? Labels = null,
    string? ServiceDomain = null);
