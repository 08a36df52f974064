using Platform.Contracts.Builds;

namespace Platform.Contracts.Services;

/// <summary>
/// A service as people see it; <see cref="DeployOnBuild"/> says whether a successful build deploys itself, <see cref="Placement"/>
/// which nodes it runs on (and which nodes that selects now).
/// </summary>
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
    ServicePlacementDto? Placement = null);
