using Platform.Domain.Teams;
using Platform.Domain.Templates;

namespace Platform.Domain.Services;

/// <summary>A catalog entry: something a team owns and runs at the edge.</summary>
public sealed class Service
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public Guid OwnerTeamId { get; set; }
    public Team? OwnerTeam { get; set; }
    /// <summary>Path prefix the edge nodes route to this service, e.g. "/hello-api". Unique.</summary>
    public required string Route { get; set; }
    /// <summary>Lineage: the template version the service was created from; null when published from elsewhere.</summary>
    public Guid? TemplateVersionId { get; set; }
    public TemplateVersion? TemplateVersion { get; set; }
    public Dictionary<string, string> TemplateParameters { get; set; } = [];
    /// <summary>Whether a successful build deploys itself.</summary>
    public bool DeployOnBuild { get; set; } = true;
    /// <summary>The service's own rollout strategy; null follows the platform default.</summary>
    public Contracts.Rollouts.RolloutStrategyDto? RolloutStrategy { get; set; }
    /// <summary>The nodes the service runs on; null runs it on every node.</summary>
    public Nodes.NodePlacement? Placement { get; set; }
    /// <summary>A platform admin's quotas for this service; null follows the platform defaults.</summary>
    public ServiceQuotaOverrides? Quotas { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
