using System.ComponentModel.DataAnnotations;

namespace Platform.EdgeNode.Configuration;

/// <summary>Configuration section "Node": who this node is and where it keeps its cache and KV data.</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    [Required]
    public string Name { get; set; } = Environment.MachineName.ToLowerInvariant();

    [Required]
    public string Region { get; set; } = "local";

    /// <summary>Compiled-component cache ("cache/"), key-value files ("kv/") and the node's identity (node-identity.json).</summary>
    [Required]
    public string DataDir { get; set; } = Path.Combine(Path.GetTempPath(), "platform-edge-node");

    /// <summary>Labels that services' placements and rollout rings select on (the region is the label "region"), e.g. Node:Labels:tier=edge.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>Where clients (and the control plane's canary analysis) reach this node's ingress.</summary>
    [Required]
    public string PublicUrl { get; set; } = "http://127.0.0.1:8081";

    /// <summary>
    /// Every service is also served on a host of its own, "&lt;service&gt;.&lt;ServiceDomain&gt;" (its own origin:
    /// point a wildcard DNS record at the node). The default "localhost" needs no DNS: browsers and curl
    /// resolve *.localhost to loopback. Empty turns host routing off. Reported to the control plane at enrolment.
    /// </summary>
    [RegularExpression(@"^$|^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$",
        ErrorMessage = "Node:ServiceDomain must be a DNS name such as edge.example.com (or empty).")]
    public string? ServiceDomain { get; set; } = "localhost";
}
