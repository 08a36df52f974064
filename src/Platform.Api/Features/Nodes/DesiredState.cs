using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Nodes;
using Platform.Api.Features.Consumers;
using Platform.Api.Features.Versions;
using Platform.Application.Deployments;
using Platform.Application.Quotas;
using Platform.Application.Services;
using Platform.Application.Settings;
using Platform.Data;
using Platform.Domain.Deployments;

namespace Platform.Api.Features.Nodes;

/// <summary>Computes what one node should serve from the fleet's deployments (absolute state).</summary>
public static class DesiredState
{
    /// <summary>Only the services placed on the node, with only their variables; null for an unknown or revoked node.</summary>
    /// <param name="quotas">The platform's quotas; a service's overrides win. They reach the node in each version's limits.</param>
    public static async Task<NodeDesiredStateDto?> ForNodeAsync(PlatformDbContext db, VariableVault vault, QuotaOptions quotas, Guid nodeId, CancellationToken ct)
    {
        if (await NodePlacements.ForNodeAsync(db, nodeId, ct) is not { } placed) return null;
        var (labels, deployments) = placed;
        // A version whose capabilities await an admin is on no node, whatever a deployment row says.
        var withheld = await CapabilityApproval.WithheldVersionsAsync(db, ct);
        var networks = (await CapabilitySettingsStore.ReadAsync(db, ct)).Settings.AllowedOutboundNetworks;
        deployments.RemoveAll(r => withheld.Contains(r.Deployment.StableVersionId));
        // The canary's weight depends on the ring this node belongs to.
        var rows = deployments.Select(r => new
        {
            r.ServiceId, r.Name, r.Route, r.Deployment.StableVersionId,
            CanaryVersionId = r.Deployment.CanaryVersionId is { } c && withheld.Contains(c) ? null : r.Deployment.CanaryVersionId,
            Quotas = quotas.For(r.Quotas),
            Split = r.Deployment.SplitOn(labels),
            r.Deployment.TraceParent, r.Deployment.TraceState,
        }).ToList();
        var values = await vault.ValuesByServiceAsync(rows.Select(r => r.ServiceId).ToList(), ct);
        var ids = rows.SelectMany(r => new[] { r.StableVersionId, r.CanaryVersionId ?? Guid.Empty }).ToList();
        var versions = await db.ComponentVersions.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var serviceIds = rows.Select(r => r.ServiceId).ToList();
        // Active replays go to the nodes that run their target version, under that version (never under the baseline copy).
        var replays = (await db.EventReplays.AsNoTracking().Where(r => r.FinishedAt == null && serviceIds.Contains(r.ServiceId)).ToListAsync(ct))
            .ToLookup(r => r.TargetVersionId, r => new ReplayAssignmentDto(r.Id, r.Topic, r.Filter, r.Source.SourceName(), (ulong)r.UntilSequence));

        var services = rows.Select(r =>
        {
            var serviceValues = values.GetValueOrDefault(r.ServiceId);
            // A withheld canary is on no node: stable keeps everything (and needs no baseline).
            var split = r.CanaryVersionId is null ? TrafficSplit.StableOnly : r.Split;
            var stable = versions[r.StableVersionId];
            var assigned = new List<VersionAssignmentDto> { Assign(stable, split.Stable, serviceValues, r.Quotas, replays) };
            if (r.CanaryVersionId is { } canary) assigned.Add(Assign(versions[canary], split.Canary, serviceValues, r.Quotas, replays));
            // The baseline comes last, so nodes of an older release (which ignore the role) still see stable first.
            if (split.HasBaseline) assigned.Add(Assign(stable, split.Baseline, serviceValues, r.Quotas) with { Role = VersionRole.Baseline });
            // Every entry changed with the deployment (weights move together), so every entry carries its trace.
            if (r.TraceParent is not null)
                assigned = assigned.Select(a => a with { TraceParent = r.TraceParent, TraceState = r.TraceState }).ToList();
            return new ServiceAssignmentDto(r.Name, r.Route, assigned);
        }).ToList();
        // The revision must change when a value changes, but must not be derived from secret values (it is
        // shown on the node's /healthz): variables enter it by name and by when the service's values last changed.
        var placedIds = rows.Select(r => r.ServiceId).ToList();
        var stamps = await db.ServiceVariables.AsNoTracking().Where(v => placedIds.Contains(v.ServiceId)).GroupBy(v => v.ServiceId)
            .Select(g => new { ServiceId = g.Key, Changed = g.Max(v => v.UpdatedAt), Count = g.Count() }).ToListAsync(ct);
        var fingerprint = services.Select(s => s with
        {
            Versions = s.Versions.Select(v => v with
            {
                Capabilities = v.Capabilities with { Variables = v.Capabilities.Variables.ToDictionary(kv => kv.Key, _ => "") },
            }).ToList(),
        });
        var schemas = await PublishedSchemasAsync(db, services, ct);
        var revision = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            JsonSerializer.Serialize(fingerprint) + JsonSerializer.Serialize(stamps.OrderBy(x => x.ServiceId)) + JsonSerializer.Serialize(networks)
            + JsonSerializer.Serialize(schemas))))[..16];
        return new NodeDesiredStateDto(nodeId, revision, services, networks, schemas);
    }

    /// <summary>The newest schema of every topic a version on the node may publish to (null when none has one).</summary>
    private static async Task<List<TopicSchemaAssignmentDto>?> PublishedSchemasAsync(PlatformDbContext db, List<ServiceAssignmentDto> services, CancellationToken ct)
    {
        var topics = services.SelectMany(s => s.Versions).SelectMany(v => v.Capabilities.PublishTopics ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (topics.Count == 0) return null;
        var newest = await db.Topics.AsNoTracking().Where(t => topics.Contains(t.Name))
            .Select(t => new { t.Name, Schema = t.Schemas.OrderByDescending(s => s.Version).Select(s => new { s.Version, s.Schema }).FirstOrDefault() })
            .Where(t => t.Schema != null)
            .OrderBy(t => t.Name)
            .ToListAsync(ct);
        return newest.Count == 0 ? null : newest.Select(t => new TopicSchemaAssignmentDto(t.Name, t.Schema!.Version, t.Schema.Schema)).ToList();
    }

    private static VersionAssignmentDto Assign(Domain.Registry.ComponentVersion v, int weight, IReadOnlyDictionary<string, string>? serviceValues,
        EffectiveQuotas quotas, ILookup<Guid, ReplayAssignmentDto>? replays = null) =>
        new(v.Version, v.Digest, v.Executor, weight,
            new CapabilitiesDto(v.AllowedOutboundHosts, v.KeyValueStores, VariableVault.Resolve(v, serviceValues),
                v.PublishTopics.Count == 0 ? null : v.PublishTopics),
            new LimitsDto(v.DeadlineMs, v.MemoryMb, quotas.InstancesFor(v.MaxInstances), quotas.KeyValueBytes),
            Triggers: v.Triggers.Count == 0 ? null : v.Triggers.Select(t => t.ToDto()).ToList(),
            Replays: replays?[v.Id].ToList() is { Count: > 0 } mine ? mine : null);
}
