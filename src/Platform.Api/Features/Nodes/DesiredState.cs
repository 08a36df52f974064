using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.Contracts.Nodes;
using Platform.Api.Features.Versions;
using Platform.Application.Quotas;
using Platform.Application.Services;
using Platform.Data;
using Platform.Domain.Deployments;
using Platform.Domain.Nodes;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// Computes what one node should serve from the fleet's deployments (absolute state). Each service's entry is looked up by
/// what it is made of (<see cref="EntryKey"/>, from what is in memory: the deployments, when variables last changed, the
/// few active replays) and built only when no node's turn built it before (<see cref="DesiredEntries"/>): with ten
/// thousand services placed on a node, a turn after a change to one of them builds one entry, not ten thousand.
/// </summary>
public static class DesiredState
{
    /// <summary>Only the services placed on the node, with only their variables; null for an unknown or revoked node.</summary>
    /// <param name="quotas">The platform's quotas; a service's overrides win. They reach the node in each version's limits.</param>
    /// <param name="fresh">Every change committed before is in it (see <see cref="FleetDeployments.ReadSnapshotAsync"/>).</param>
    public static async Task<ComputedDesiredState?> ForNodeAsync(PlatformDbContext db, VariableVault vault, DesiredStateMemory memory, QuotaOptions quotas,
        Guid nodeId, bool fresh, CancellationToken ct)
    {
        if (await EntriesAsync(db, vault, memory, quotas, nodeId, fresh, ct) is not { } placed) return null;
        var networks = await memory.Networks.GetAsync(db, fresh, ct);
        var schemas = await memory.Schemas.GetAsync(db, fresh, ct);
        // Nothing it is computed from changed since the node's last turn: the same state (with ten thousand services, the
        // revision alone digests ten thousand entries).
        if (memory.States.GetValueOrDefault(nodeId) is { } memo
            && ReferenceEquals(memo.Placed, placed) && ReferenceEquals(memo.Networks, networks) && ReferenceEquals(memo.Schemas, schemas))
        {
            return memo.State;
        }
        // The revision must change when a value changes, but must not be derived from secret values (it is shown on the
        // node's /healthz): variables enter each entry's key and digest by when the service's values last changed. The
        // digests tell which entries a delta carries (DesiredStateDeltas), and the revision is digested from them.
        var services = new List<ServiceAssignmentDto>(placed.Order.Count);
        using var revision = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in placed.Order)
        {
            var built = placed.Entries[name];
            services.Add(built.Entry);
            revision.AppendData(built.Digest);
        }
        var published = PublishedSchemas(services, schemas);
        revision.AppendData(JsonSerializer.SerializeToUtf8Bytes(networks));
        revision.AppendData(JsonSerializer.SerializeToUtf8Bytes(published));
        var state = new NodeDesiredStateDto(nodeId, Convert.ToHexStringLower(revision.GetHashAndReset())[..16], services, networks, published);
        var computed = new ComputedDesiredState(state, placed);
        memory.States[nodeId] = new NodeStateMemo(placed, networks, schemas, computed);
        return computed;
    }

    /// <summary>
    /// The entries of the services placed on the node (what its desired state lists and its heartbeat may report on); null
    /// for an unknown or revoked node. <paramref name="fresh"/>: see <see cref="ForNodeAsync"/>; <paramref name="alsoRead"/>:
    /// services read from the database whatever was notified (<see cref="FleetDeployments.ReadSnapshotAsync"/>). When what every entry is
    /// computed with besides its own row (the node's labels, the withheld versions, the active replays, the quotas) is as at
    /// the node's last turn, only the services whose rows changed since are computed again (<see cref="NodeView"/>).
    /// </summary>
    public static async Task<NodeEntries?> EntriesAsync(PlatformDbContext db, VariableVault vault, DesiredStateMemory memory, QuotaOptions quotas,
        Guid nodeId, bool fresh, CancellationToken ct, IReadOnlyCollection<string>? alsoRead = null)
    {
        if (await NodePlacements.NodeAsync(db, nodeId, ct) is not { } node)
        {
            memory.Forget(nodeId);
            return null;
        }
        var labels = node.RingLabels();
        var fleet = await memory.Fleet.ReadSnapshotAsync(db, fresh, ct, alsoRead);
        // A version whose capabilities await an admin is on no node, whatever a deployment row says.
        var withheld = await memory.Withheld.GetAsync(db, fresh, ct);
        // Active replays go to the nodes that run their target version, under that version (never under the baseline copy).
        // They are few (a replay runs until it caught up): all of them are held, not those of every placed service.
        var active = await memory.Replays.GetAsync(db, fresh, ct);
        var replays = active.ByTarget;
        var inputs = new NodeView.Inputs(node.LabelsAccepted, string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")),
            withheld.Key, active.Key, quotas);

        var view = memory.Views.GetValueOrDefault(nodeId);
        var changed = view is not null && view.With == inputs ? memory.Fleet.ChangedBetween(view.Epoch, view.Generation, fleet) : null;
        if (changed is { Count: 0 }) return view!.Entries;
        var slots = changed is null ? new Dictionary<Guid, NodeView.Slot>() : new Dictionary<Guid, NodeView.Slot>(view!.Slots);
        if (changed is not null) foreach (var id in changed) slots.Remove(id);
        var rows = changed is null ? fleet.ByName : changed.Select(id => fleet.ById.GetValueOrDefault(id)).OfType<FleetDeployments.Row>();
        var missing = new List<(FleetDeployments.Row Row, EntryKey Key)>();
        foreach (var r in rows)
        {
            if (!NodePlacement.Places(r.Placement, node)) continue;
            var stable = r.Deployment.StableVersionId;
            if (withheld.Versions.Contains(stable))
            {
                slots[r.ServiceId] = new NodeView.Slot(null);
                continue;
            }
            // A withheld canary is on no node: stable keeps everything (and needs no baseline).
            var canary = r.Deployment.CanaryVersionId is { } c && !withheld.Versions.Contains(c) ? c : (Guid?)null;
            var split = canary is null ? TrafficSplit.StableOnly : r.Deployment.SplitOn(labels);
            var serviceReplays = replays.Count == 0 ? [] : replays[stable].Concat(canary is { } id ? replays[id] : []).ToList();
            var key = new EntryKey(r.Name, r.Route, stable, canary, split, quotas.For(r.Quotas), r.Deployment.TraceParent, r.Deployment.TraceState,
                r.VariablesStamp, serviceReplays.Count == 0 ? null : string.Join("|", serviceReplays));
            if (memory.Entries.TryGet(key, out var built)) slots[r.ServiceId] = new NodeView.Slot(built);
            else missing.Add((r, key));
        }
        if (missing.Count > 0)
        {
            var values = await vault.ValuesByServiceAsync(missing.Select(m => m.Row.ServiceId).ToList(), ct);
            var versions = await memory.Versions.GetAsync(db, missing.SelectMany(m => m.Key.Canary is { } c ? [m.Key.Stable, c] : new[] { m.Key.Stable }), ct);
            foreach (var (row, key) in missing)
            {
                slots[row.ServiceId] = new NodeView.Slot(memory.Entries.Add(key, Build(key, versions, values.GetValueOrDefault(row.ServiceId), replays)));
            }
        }
        // In name order: the fleet's, through the node's slots.
        var order = new List<string>(slots.Count);
        var entries = new Dictionary<string, BuiltEntry>(slots.Count, StringComparer.Ordinal);
        foreach (var r in fleet.ByName)
        {
            if (!slots.TryGetValue(r.ServiceId, out var slot) || slot.Entry is not { } entry) continue;
            order.Add(r.Name);
            entries[r.Name] = entry;
        }
        var result = new NodeEntries(order, entries, slots.Keys.ToHashSet());
        memory.Views[nodeId] = new NodeView(inputs, fleet.Epoch, fleet.Generation, slots, result);
        return result;
    }

    /// <summary>The service's entry as <paramref name="key"/> describes it, with the service's variable values, and its digest.</summary>
    private static BuiltEntry Build(EntryKey key, Dictionary<Guid, Domain.Registry.ComponentVersion> versions,
        IReadOnlyDictionary<string, string>? serviceValues, ILookup<Guid, ReplayAssignmentDto> replays)
    {
        var stable = versions[key.Stable];
        var assigned = new List<VersionAssignmentDto> { Assign(stable, key.Split.Stable, serviceValues, key.Quotas, replays) };
        if (key.Canary is { } canary) assigned.Add(Assign(versions[canary], key.Split.Canary, serviceValues, key.Quotas, replays));
        // The baseline comes last, so nodes of an older release (which ignore the role) still see stable first.
        if (key.Split.HasBaseline) assigned.Add(Assign(stable, key.Split.Baseline, serviceValues, key.Quotas) with { Role = VersionRole.Baseline });
        // Every entry changed with the deployment (weights move together), so every entry carries its trace.
        if (key.TraceParent is not null)
            assigned = assigned.Select(a => a with { TraceParent = key.TraceParent, TraceState = key.TraceState }).ToList();
        var service = new ServiceAssignmentDto(key.Service, key.Route, assigned);
        return new BuiltEntry(service, Digest(service, key.VariablesStamp));
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
    private static List<TopicSchemaAssignmentDto>? PublishedSchemas(List<ServiceAssignmentDto> services, IReadOnlyDictionary<string, TopicSchemaAssignmentDto> newest)
    {
        if (newest.Count == 0) return null;
        var published = new SortedDictionary<string, TopicSchemaAssignmentDto>(StringComparer.Ordinal);
        foreach (var version in services.SelectMany(s => s.Versions))
        {
            foreach (var topic in version.Capabilities.PublishTopics ?? [])
            {
                if (newest.TryGetValue(topic, out var schema)) published[topic] = schema;
            }
        }
        return published.Count == 0 ? null : [.. published.Values];
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
