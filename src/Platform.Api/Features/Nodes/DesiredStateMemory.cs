using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Features.Consumers;
using Platform.Application.Deployments;
using Platform.Application.Settings;
using Platform.Contracts.Nodes;
using Platform.Data;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// What this API instance keeps in memory to answer nodes at fleet scale: the deployed services (refreshed by what the
/// database notifies), published versions (never changed), services' entries, built and digested, what every node's
/// state is computed with besides the deployments (the allowed outbound networks, topics' newest schemas, the withheld
/// versions, the active replays: each read again when its table notifies a change, <see cref="NotifiedRead{T}"/>), and
/// each node's view of its entries and its last computed state (dropped when the node is revoked, deleted or unknown).
/// </summary>
public sealed class DesiredStateMemory(FleetDeployments fleet, PublishedVersions versions, DesiredEntries entries, TimeProvider clock) : IDisposable
{
    public FleetDeployments Fleet { get; } = fleet;

    public PublishedVersions Versions { get; } = versions;

    public DesiredEntries Entries { get; } = entries;

    /// <summary>The networks an admin allowed outbound calls to (<c>platform_settings</c>).</summary>
    public NotifiedRead<IReadOnlyList<string>> Networks { get; } = new(clock, ReadNetworksAsync, "platform_settings");

    /// <summary>The newest schema of every topic that has one, by topic (<c>topic_schema_versions</c>).</summary>
    public NotifiedRead<IReadOnlyDictionary<string, TopicSchemaAssignmentDto>> Schemas { get; } = new(clock, ReadSchemasAsync, "topic_schema_versions");

    /// <summary>Versions no node may be given while their capabilities await an admin (<c>rollouts</c>).</summary>
    public NotifiedRead<WithheldVersions> Withheld { get; } = new(clock, ReadWithheldAsync, "rollouts");

    /// <summary>The replays that have not finished, with their target versions (<c>event_replays</c>).</summary>
    public NotifiedRead<ActiveReplays> Replays { get; } = new(clock, ReadReplaysAsync, "event_replays");

    public ConcurrentDictionary<Guid, NodeView> Views { get; } = new();

    /// <summary>Each node's last computed state with what it was computed from (<see cref="DesiredState.ForNodeAsync"/>).</summary>
    public ConcurrentDictionary<Guid, NodeStateMemo> States { get; } = new();

    /// <summary>A notification on the desired-state channel (<see cref="DesiredStateListener"/>).</summary>
    public void Changed(string payload)
    {
        Fleet.Changed(payload);
        var separator = payload.IndexOf(':');
        var table = separator < 0 ? payload : payload[..separator];
        Networks.Changed(table);
        Schemas.Changed(table);
        Withheld.Changed(table);
        Replays.Changed(table);
    }

    /// <summary>The listener connected (true) or lost its connection (false): everything held is read again.</summary>
    public void Listening(bool listening)
    {
        Fleet.Listening(listening);
        Networks.Listening(listening);
        Schemas.Listening(listening);
        Withheld.Listening(listening);
        Replays.Listening(listening);
    }

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _wholeReads = new();

    /// <summary>
    /// Whether a heartbeat of the node may have the whole fleet read again (it names more unknown services than are read by
    /// name): once per <see cref="FleetDeployments.MaxAge"/> for one node, which reads everything at least that often anyway.
    /// </summary>
    public bool MayReadWhole(Guid nodeId, DateTimeOffset now)
    {
        var allowed = true;
        _wholeReads.AddOrUpdate(nodeId, now, (_, last) => (allowed = now - last >= FleetDeployments.MaxAge) ? now : last);
        return allowed;
    }

    /// <summary>Forgets what is held for a node (revoked, deleted or unknown).</summary>
    public void Forget(Guid nodeId)
    {
        Views.TryRemove(nodeId, out _);
        States.TryRemove(nodeId, out _);
        _wholeReads.TryRemove(nodeId, out _);
    }

    public void Dispose()
    {
        Networks.Dispose();
        Schemas.Dispose();
        Withheld.Dispose();
        Replays.Dispose();
    }

    private static async Task<IReadOnlyList<string>> ReadNetworksAsync(PlatformDbContext db, CancellationToken ct) =>
        (await CapabilitySettingsStore.ReadAsync(db, ct)).Settings.AllowedOutboundNetworks;

    private static async Task<IReadOnlyDictionary<string, TopicSchemaAssignmentDto>> ReadSchemasAsync(PlatformDbContext db, CancellationToken ct)
    {
        var newest = await db.Topics.AsNoTracking()
            .Select(t => new { t.Name, Schema = t.Schemas.OrderByDescending(s => s.Version).Select(s => new { s.Version, s.Schema }).FirstOrDefault() })
            .Where(t => t.Schema != null)
            .ToListAsync(ct);
        return newest.ToDictionary(t => t.Name, t => new TopicSchemaAssignmentDto(t.Name, t.Schema!.Version, t.Schema.Schema), StringComparer.Ordinal);
    }

    private static async Task<WithheldVersions> ReadWithheldAsync(PlatformDbContext db, CancellationToken ct) =>
        new(await CapabilityApproval.WithheldVersionsAsync(db, ct));

    private static async Task<ActiveReplays> ReadReplaysAsync(PlatformDbContext db, CancellationToken ct) =>
        new((await db.EventReplays.AsNoTracking().Where(r => r.FinishedAt == null).OrderBy(r => r.Id).ToListAsync(ct))
            .Select(r => (r.TargetVersionId, new ReplayAssignmentDto(r.Id, r.Topic, r.Filter, r.Source.SourceName(), (ulong)r.UntilSequence)))
            .ToList());
}
