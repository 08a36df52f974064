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

/// <summary>A node's whole desired state, and a digest of each service's entry in it (without secret values).</summary>
public sealed record ComputedDesiredState(NodeDesiredStateDto State, IReadOnlyDictionary<string, byte[]> Digests);

/// <summary>Computes what one node should serve from the fleet's deployments (absolute state).</summary>
public static class DesiredState
{
    /// <summary>Only the services placed on the node, with only their variables; null for an unknown or revoked node.</summary>
    /// <param name="quotas">The platform's quotas; a service's overrides win. They reach the node in each version's limits.</param>
    /// <param name="fresh">Every change committed before is in it (see <see cref="FleetDeployments.ReadAsync"/>).</param>
    public static async Task<ComputedDesiredState?> ForNodeAsync(PlatformDbContext db, VariableVault vault, DesiredStateMemory memory, QuotaOptions quotas,
        Guid nodeId, bool fresh, CancellationToken ct)
    {
        if (await NodePlacements.ForNodeAsync(db, memory.Fleet, nodeId, fresh, ct) is not { } placed) return null;
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
        var versions = await memory.Versions.GetAsync(db, ids.Where(id => id != Guid.Empty), ct);
        var serviceIds = rows.Select(r => r.ServiceId).ToList();
        // Active replays go to the nodes that run their target version, under that version (never under the baseline copy).
        var replays = (await db.EventReplays.AsNoTracking().Where(r => r.FinishedAt == null && serviceIds.Contains(r.ServiceId)).ToListAsync(ct))
            .ToLookup(r => r.TargetVersionId, r => new ReplayAssignmentDto(r.Id, r.Topic, r.Filter, r.Source.SourceName(), (ulong)r.UntilSequence));

        // The revision must change when a value changes, but must not be derived from secret values (it is
        // shown on the node's /healthz): variables enter it by name and by when the service's values last changed.
        // Each service's entry is digested in that form, once for what it is made of (EntryDigests): the digests tell
        // which entries a delta carries (DesiredStateDeltas), and the revision is digested from them.
        var placedIds = rows.Select(r => r.ServiceId).ToList();
        var stamps = (await db.ServiceVariables.AsNoTracking().Where(v => placedIds.Contains(v.ServiceId)).GroupBy(v => v.ServiceId)
            .Select(g => new { ServiceId = g.Key, Changed = g.Max(v => v.UpdatedAt), Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(s => s.ServiceId, s => $"{s.Changed.UtcTicks}/{s.Count}");
        var services = new List<ServiceAssignmentDto>(rows.Count);
        var digests = new Dictionary<string, byte[]>(rows.Count, StringComparer.Ordinal);
        using var revision = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var r in rows)
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
            var service = new ServiceAssignmentDto(r.Name, r.Route, assigned);
            var serviceReplays = replays[r.StableVersionId].Concat(r.CanaryVersionId is { } c ? replays[c] : []).ToList();
            var key = new EntryKey(r.Name, r.Route, r.StableVersionId, r.CanaryVersionId, split, r.Quotas, r.TraceParent, r.TraceState,
                stamps.GetValueOrDefault(r.ServiceId), serviceReplays.Count == 0 ? null : string.Join("|", serviceReplays));
            var digest = memory.EntryDigests.GetOrAdd(key, () => Digest(service, key.VariablesStamp));
            services.Add(service);
            digests[service.Service] = digest;
            revision.AppendData(digest);
        }
        var schemas = await PublishedSchemasAsync(db, services, ct);
        revision.AppendData(JsonSerializer.SerializeToUtf8Bytes(networks));
        revision.AppendData(JsonSerializer.SerializeToUtf8Bytes(schemas));
        var state = new NodeDesiredStateDto(nodeId, Convert.ToHexStringLower(revision.GetHashAndReset())[..16], services, networks, schemas);
        return new ComputedDesiredState(state, digests);
    }

    /// <summary>The entry with its variables' values left out, and when they last changed (so that a new value is a new digest).</summary>
    private static byte[] Digest(ServiceAssignmentDto service, string? variablesStamp)
    {
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        digest.AppendData(JsonSerializer.SerializeToUtf8Bytes(service with
        {
            Versions = service.Versions.Select(v => v with
            {
                Capabilities = v.Capabilities with { Variables = v.Capabilities.Variables.ToDictionary(kv => kv.Key, _ => "") },
            }).ToList(),
        }));
        digest.AppendData(Encoding.UTF8.GetBytes(variablesStamp ?? "-"));
        return digest.GetHashAndReset();
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
