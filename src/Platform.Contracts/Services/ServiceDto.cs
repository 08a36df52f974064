using Platform.Contracts.Builds;

namespace Platform.Contracts.Services;

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
    DateTimeOffset CreatedAt);
