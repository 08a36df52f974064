using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Services;
using Platform.Data;
using Platform.Domain.Nodes;
using Platform.Domain.Services;

namespace Platform.Api.Features.Services;

/// <summary>Builds what people see about a service: lineage, what runs where, and its URLs (its own origins first).</summary>
public sealed class ServiceReadModel(PlatformDbContext db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Platform.Application.Nodes.EdgeOptions> edge)
{
    public async Task<ServiceDto> ToDtoAsync(Service service, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == service.OwnerTeamId).Select(t => t.Name).FirstAsync(ct);
        var lineage = service.TemplateVersionId is null ? null : await db.TemplateVersions.AsNoTracking()
            .Where(v => v.Id == service.TemplateVersionId).Select(v => new { Template = v.Template!.Name, v.Version }).FirstAsync(ct);
        // Where it runs: only the nodes its placement selects (revoked nodes run nothing).
        var nodes = (await db.Nodes.AsNoTracking().Where(n => n.RevokedAt == null).OrderBy(n => n.Name).ToListAsync(ct))
            .Where(n => NodePlacement.Places(service.Placement, n)).ToList();
        var now = clock.GetUtcNow();
        var online = nodes.Where(n => n.IsOnline(now, edge.Value.HeartbeatTimeout)).ToList();

        DeploymentDto? deployment = null;
        var current = await db.ServiceDeployments.AsNoTracking().FirstOrDefaultAsync(d => d.ServiceId == service.Id, ct);
        if (current is not null)
        {
            var versions = await db.ComponentVersions.AsNoTracking()
                .Where(v => v.Id == current.StableVersionId || v.Id == current.CanaryVersionId).ToDictionaryAsync(v => v.Id, ct);
            var stable = versions[current.StableVersionId];
            var readyKey = Node.ReadyKey(service.Name, stable.Version, stable.Digest);
            deployment = new DeploymentDto(
                stable.Version,
                current.CanaryVersionId is { } canary ? versions[canary].Version : null,
                current.CanaryWeights.DefaultIfEmpty(0).Max(),
                current.UpdatedAt,
                nodes.Select(n => new NodeServiceStatusDto(
                    n.Name, n.Region, n.BaseUrl.TrimEnd('/') + service.Route, online.Contains(n), n.ReadyVersions.Contains(readyKey),
                    n.FailedVersions.FirstOrDefault(f => f.StartsWith($"{service.Name}@{stable.Version}", StringComparison.Ordinal)),
                    current.CanaryWeightOn(n.RingLabels()), n.ServiceUrl(service.Name), current.SplitOn(n.RingLabels()).Baseline)).ToList());
        }

        var serving = deployment?.Nodes.Where(n => n.Online && n.Ready).ToList() ?? [];
        return new ServiceDto(service.Name, service.Description, team, service.Route, lineage?.Template, lineage?.Version,
            deployment, serving.Select(n => n.Url).ToList(), service.CreatedBy, service.CreatedAt, service.DeployOnBuild,
            await PlacementEndpoints.DescribeAsync(db, service.Placement, ct),
            serving.Where(n => n.PrimaryUrl is not null).Select(n => n.PrimaryUrl!).ToList());
    }
}
