namespace Platform.Contracts.Nodes;

/// <summary>Sent by an edge node with the enrolment token as bearer credential.</summary>
/// <param name="Name">Unique node name, e.g. "edge-eu-1". An existing name enrols again only with <paramref name="NodeToken"/>.</param>
/// <param name="Region">
/// Region label used for placements and rollout rings: at a first enrolment a claim that counts once a platform admin
/// accepts it.
/// </param>
/// <param name="BaseUrl">Where the node's ingress answers, e.g. "http://127.0.0.1:8081".</param>
/// <param name="Labels">
/// Labels placements and rollout rings select on (the region is the label "region"): at a first enrolment a claim that
/// selects nothing until a platform admin accepts it; later enrolments cannot change the node's labels.
/// </param>
/// <param name="NodeToken">The node's current token when the name is already enrolled (a restarted node proves it is that node).</param>
/// <param name="ServiceDomain">
/// The node serves each service on "&lt;service&gt;.&lt;ServiceDomain&gt;" too (its own origin, at BaseUrl's scheme and
/// port), e.g. "edge.example.com" or "localhost"; null when the node routes by path only.
/// </param>
public sealed record EnrolNodeRequest(
    string Name, string Region, string BaseUrl, IReadOnlyDictionary<string, string>? Labels = null, string? NodeToken = null,
    string? ServiceDomain = null);
