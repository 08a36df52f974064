namespace Platform.Contracts.Nodes;

/// <summary>A component version placed on a node with its share of traffic.</summary>
/// <param name="Digest">"sha256:&lt;hex&gt;" of the blob; the node verifies it before compiling.</param>
/// <param name="Executor">"component" or "wagi".</param>
/// <param name="Weight">Percentage of the service's traffic, 0..100.</param>
public sealed record VersionAssignmentDto(
    string Version,
    string Digest,
    string Executor,
    int Weight,
    CapabilitiesDto Capabilities,
    LimitsDto Limits);
