using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Nodes;
using Platform.Application.Quotas;
using Platform.Application.Services;
using Platform.Data;

namespace Platform.Api.Features.Nodes;

/// <summary>Computes what one node should serve from the fleet's deployments (absolute state).</summary>
public static class DesiredState
{
    /// <param name="quotas">The platform's quotas; a service's overrides win. They reach the node in each version's limits.</param>
    public static async Task<NodeDesiredStateDto> ForNodeAsync(PlatformDbContext db, VariableVault vault, QuotaOptions quotas, Guid nodeId, CancellationToken ct)
    {
        var labels = (await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == nodeId, ct))?.RingLabels()
            ?? new Dictionary<string, string>();
        var deployments = await (
            from d in db.ServiceDeployments.AsNoTracking()
            join s in db.Services.AsNoTracking() on d.ServiceId equals s.Id
            orderby s.Name
            select new { ServiceId = s.Id, s.Name, s.Route, s.Quotas, Deployment = d }).ToListAsync(ct);
        // The canary's weight depends on the ring this node belongs to.
        var rows = deployments.Select(r => new
        {
            r.ServiceId, r.Name, r.Route, r.Deployment.StableVersionId, r.Deployment.CanaryVersionId, Quotas = quotas.For(r.Quotas),
            CanaryWeight = r.Deployment.CanaryWeightOn(labels),
        }).ToList();
        var values = await vault.ValuesByServiceAsync(rows.Select(r => r.ServiceId).ToList(), ct);
        var ids = rows.SelectMany(r => new[] { r.StableVersionId, r.CanaryVersionId ?? Guid.Empty }).ToList();
        var versions = await db.ComponentVersions.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);

        var services = rows.Select(r =>
        {
            var serviceValues = values.GetValueOrDefault(r.ServiceId);
            var assigned = new List<VersionAssignmentDto> { Assign(versions[r.StableVersionId], 100 - (r.CanaryVersionId is null ? 0 : r.CanaryWeight), serviceValues, r.Quotas) };
            if (r.CanaryVersionId is { } canary) assigned.Add(Assign(versions[canary], r.CanaryWeight, serviceValues, r.Quotas));
            return new ServiceAssignmentDto(r.Name, r.Route, assigned);
        }).ToList();
        // The revision must change when a value changes, but must not be derived from secret values (it is
        // shown on the node's /healthz): variables enter it by name and by when the service's values last changed.
        var stamps = await db.ServiceVariables.AsNoTracking().GroupBy(v => v.ServiceId)
            .Select(g => new { ServiceId = g.Key, Changed = g.Max(v => v.UpdatedAt), Count = g.Count() }).ToListAsync(ct);
        var fingerprint = services.Select(s => s with
        {
            Versions = s.Versions.Select(v => v with
            {
                Capabilities = v.Capabilities with { Variables = v.Capabilities.Variables.ToDictionary(kv => kv.Key, _ => "") },
            }).ToList(),
        });
        var revision = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            JsonSerializer.Serialize(fingerprint) + JsonSerializer.Serialize(stamps.OrderBy(x => x.ServiceId)))))[..16];
        return new NodeDesiredStateDto(nodeId, revision, services);
    }

    private static VersionAssignmentDto Assign(Domain.Registry.ComponentVersion v, int weight, IReadOnlyDictionary<string, string>? serviceValues,
        EffectiveQuotas quotas) =>
        new(v.Version, v.Digest, v.Executor, weight,
            new CapabilitiesDto(v.AllowedOutboundHosts, v.KeyValueStores, VariableVault.Resolve(v, serviceValues)),
            new LimitsDto(v.DeadlineMs, v.MemoryMb, quotas.InstancesFor(v.MaxInstances), quotas.KeyValueBytes));
}
