using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Services;
using Platform.Data;
using Platform.Domain.Deployments;
using Platform.Domain.Nodes;
using Platform.Domain.Registry;
using Platform.Domain.Services;

namespace Platform.Api.Features.Services;

/// <summary>
/// Builds what people see about a service: lineage, what runs where, and its URLs (its own origins first). A page of
/// services costs a fixed number of queries (teams, lineages, nodes, deployments and their versions), whatever its size.
/// </summary>
public sealed class ServiceReadModel(PlatformDbContext db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Platform.Application.Nodes.EdgeOptions> edge)
{
    public async Task<ServiceDto> ToDtoAsync(Service service, CancellationToken ct) => (await ToDtosAsync([service], ct))[0];

    public async Task<List<ServiceDto>> ToDtosAsync(IReadOnlyList<Service> services, CancellationToken ct)
    {
        if (services.Count == 0) return [];
        var teamIds = services.Select(s => s.OwnerTeamId).Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var templateVersionIds = services.Where(s => s.TemplateVersionId is not null).Select(s => s.TemplateVersionId!.Value).Distinct().ToList();
        var lineages = await db.TemplateVersions.AsNoTracking().Where(v => templateVersionIds.Contains(v.Id))
            .Select(v => new { v.Id, Template = v.Template!.Name, v.Version }).ToDictionaryAsync(v => v.Id, v => (v.Template, v.Version), ct);
        var allNodes = await db.Nodes.AsNoTracking().Where(n => n.RevokedAt == null).OrderBy(n => n.Name).ToListAsync(ct);
        var serviceIds = services.Select(s => s.Id).ToList();
        var deployments = await db.ServiceDeployments.AsNoTracking().Where(d => serviceIds.Contains(d.ServiceId)).ToDictionaryAsync(d => d.ServiceId, ct);
        var versionIds = deployments.Values.SelectMany(d => d.CanaryVersionId is { } canary ? [d.StableVersionId, canary] : new[] { d.StableVersionId }).ToList();
        var versions = await db.ComponentVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var now = clock.GetUtcNow();
        return services.Select(service =>
        {
            (string Template, string Version)? lineage = service.TemplateVersionId is { } id ? lineages[id] : null;
            // Where it runs: only the nodes its placement selects (revoked nodes run nothing).
            var nodes = allNodes.Where(n => NodePlacement.Places(service.Placement, n)).ToList();
            var deployment = deployments.TryGetValue(service.Id, out var current) ? Describe(service, current, versions, nodes, now) : null;
            var serving = deployment?.Nodes.Where(n => n.Online && n.Ready).ToList() ?? [];
            return new ServiceDto(service.Name, service.Description, teams[service.OwnerTeamId], service.Route, lineage?.Template, lineage?.Version,
                deployment, serving.Select(n => n.Url).ToList(), service.CreatedBy, service.CreatedAt, service.DeployOnBuild,
                PlacementEndpoints.Describe(service.Placement, allNodes),
                serving.Where(n => n.PrimaryUrl is not null).Select(n => n.PrimaryUrl!).ToList());
        }).ToList();
    }

    private DeploymentDto Describe(Service service, ServiceDeployment current, Dictionary<Guid, ComponentVersion> versions, List<Node> nodes, DateTimeOffset now)
    {
        var stable = versions[current.StableVersionId];
        var readyKey = Node.ReadyKey(service.Name, stable.Version, stable.Digest);
        return new DeploymentDto(
            stable.Version,
            current.CanaryVersionId is { } canary ? versions[canary].Version : null,
            current.CanaryWeights.DefaultIfEmpty(0).Max(),
            current.UpdatedAt,
            nodes.Select(n => new NodeServiceStatusDto(
                n.Name, n.Region, n.BaseUrl.TrimEnd('/') + service.Route, n.IsOnline(now, edge.Value.HeartbeatTimeout), n.ReadyVersions.Contains(readyKey),
                n.FailedVersions.FirstOrDefault(f => f.StartsWith($"{service.Name}@{stable.Version}", StringComparison.Ordinal)),
                current.CanaryWeightOn(n.RingLabels()), n.ServiceUrl(service.Name), current.SplitOn(n.RingLabels()).Baseline)).ToList());
    }
}
