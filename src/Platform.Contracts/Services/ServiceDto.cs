using Platform.Contracts.Builds;

namespace Platform.Contracts.Services;

/// <summary>
/// A service as people see it; <see cref="DeployOnBuild"/> says whether a successful build deploys itself, <see cref="Placement"/>
/// which nodes it runs on (and which nodes that selects now).
/// </summary>
/// <param name="Urls">The path-routed URLs (the node's shared host + route) on every online node that is ready: secondary.</param>
/// <param name="PrimaryUrls">
/// The service's own origins ("http://&lt;service&gt;.&lt;node's service domain&gt;:&lt;port&gt;/") on every online, ready node that
/// serves services by host: the URLs to use (cookies and scripts stay inside the service's origin).
/// </param>
public sealed record ServiceDto(
    string Name,
    string Description,
    string Team,
    string Route,
    string? Template,
    string? TemplateVersion,
    DeploymentDto? Deployment,
    IReadOnlyList<string> Urls,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    bool DeployOnBuild = true,
    ServicePlacementDto? Placement = null,
    IReadOnlyList<string>? PrimaryUrls = null);
