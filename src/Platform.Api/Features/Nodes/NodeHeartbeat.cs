using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Microsoft.Extensions.Options;
using Platform.Application.Deployments;
using Platform.Application.Quotas;
using Platform.Application.Services;
using Platform.Contracts.Nodes;
using Platform.Data;
using Platform.Domain.Nodes;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// POST /nodes/{id}/heartbeat: what the node has loaded, could not load, and served. Only entries for versions placed on
/// this node are kept (stable, canary, or the baseline copy of stable where the canary's weight on the node gives it
/// one, of a service whose placement selects it); anything else is dropped and logged,
/// never stored, so a node cannot report for another team's service or steer a canary it does not run. A partial heartbeat
/// (<see cref="NodeHeartbeatRequest.Partial"/>) carries only what changed: ready and failed versions left out stay as stored
/// (the services it names in <see cref="NodeHeartbeatRequest.Changed"/> have theirs replaced, the rest of the lists is not
/// rewritten), and its metrics replace those of the versions it names, the others staying as stored while their versions
/// are placed here.
/// </summary>
public static class NodeHeartbeat
{
    /// <summary>At most this many ready versions and metrics entries are read from one heartbeat.</summary>
    public const int MaxEntries = 20_000;

    /// <summary>
    /// Up to this many services a heartbeat names that are not placed as this instance knows are read again by name; beyond,
    /// everything is, at most once per <see cref="FleetDeployments.MaxAge"/> for one node (<see cref="DesiredStateMemory.MayReadWhole"/>).
    /// </summary>
    public const int MaxRereadServices = 1_000;

    /// <summary>At most this many services' changes are read from one partial heartbeat.</summary>
    public const int MaxChangedServices = 1_000;

    private static readonly TimeSpan DropWarningInterval = TimeSpan.FromMinutes(1);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, DateTimeOffset> LastDropWarning = new();

    public static async Task<Results<NoContent, ForbidHttpResult, UnauthorizedHttpResult>> Handle(
        Guid id, NodeHeartbeatRequest request, ClaimsPrincipal principal, PlatformDbContext db, VariableVault vault, DesiredStateMemory memory,
        IOptions<QuotaOptions> quotas, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        if (principal.NodeId() != id) return TypedResults.Forbid();
        // A partial heartbeat names the services whose readiness changed instead of sending whole lists; an entry a change
        // lists for another service than its own is dropped.
        var changedIn = request.Partial && request.Ready is null && request.Failed is null ? (request.Changed ?? []).Take(MaxChangedServices).ToList() : [];
        var readyIn = (request.Ready ?? changedIn.SelectMany(c => c.Ready.Where(r => r.Service == c.Service))).Take(MaxEntries).ToList();
        var failedIn = (request.Failed ?? changedIn.SelectMany(c => c.Failed.Where(f => f.Service == c.Service))).Take(1_000).ToList();
        var strays = changedIn.Sum(c => c.Ready.Count(r => r.Service != c.Service) + c.Failed.Count(f => f.Service != c.Service));
        var metricsIn = (request.Metrics ?? []).Take(MaxEntries).ToList();
        // What is placed as this instance last heard of it (the node's desired state); read again from the database before
        // anything is dropped for not being placed (a change committed a moment ago may not have been notified yet).
        var options = quotas.Value;
        if (await DesiredState.EntriesAsync(db, vault, memory, options, id, fresh: false, ct) is not { } placed) return TypedResults.Unauthorized();
        var unknown = readyIn.Where(r => placed.DigestOf(r.Service, r.Version) != r.Digest).Select(r => r.Service)
            .Concat(failedIn.Where(f => !placed.Places(f.Service, f.Version)).Select(f => f.Service))
            .Concat(metricsIn.Where(m => !placed.Places(m.Service, m.Version, m.Role == VersionRole.Baseline)).Select(m => m.Service))
            .ToHashSet(StringComparer.Ordinal);
        // Those services only (a node reports a version it just stopped running for a heartbeat or two after each rollout), or
        // the whole fleet when a node names very many: not on every heartbeat of a node that keeps naming thousands of
        // services that do not exist (what it names is dropped as not placed, as it would be after the read).
        if (unknown.Count > 0 && (unknown.Count <= MaxRereadServices || memory.MayReadWhole(id, clock.GetUtcNow())))
        {
            var read = unknown.Count <= MaxRereadServices
                ? await DesiredState.EntriesAsync(db, vault, memory, options, id, fresh: false, ct, alsoRead: unknown)
                : await DesiredState.EntriesAsync(db, vault, memory, options, id, fresh: true, ct);
            if (read is null) return TypedResults.Unauthorized();
            placed = read;
        }
        bool Assigned(string service, string version, bool baseline = false) => placed.Places(service, version, baseline);

        var ready = readyIn.Where(r => placed.DigestOf(r.Service, r.Version) == r.Digest)
            .Select(r => Node.ReadyKey(r.Service, r.Version, r.Digest)).ToList();
        var failed = failedIn.Where(f => Assigned(f.Service, f.Version)).Select(f => $"{f.Service}@{f.Version}: {Truncate(f.Reason, 500)}").ToList();
        // Counters that appear (or start again from zero) count from this node's previous heartbeat: the analysis then
        // knows whether all of them were served within its window, whenever the node enrolled.
        var before = await db.Nodes.AsNoTracking().Where(n => n.Id == id).Select(n => new { n.Metrics, n.LastHeartbeatAt, n.EnrolledAt }).FirstAsync(ct);
        var previousHeartbeat = before.LastHeartbeatAt ?? before.EnrolledAt;
        // A baseline copy's counters are kept apart from its version's, and only while the node runs a baseline of it.
        // Indexed once: a node with ten thousand versions reports ten thousand entries in a whole heartbeat.
        var stored = new Dictionary<(string Service, string Version, bool Baseline), VersionMetrics>();
        foreach (var m in before.Metrics) stored.TryAdd((m.Service, m.Version, m.Baseline), m);
        var metrics = metricsIn.Where(m => Assigned(m.Service, m.Version, m.Role == VersionRole.Baseline)).Select(MetricsMapping.ToDomain)
            .Select(m => VersionMetrics.Continuing(m, stored.GetValueOrDefault((m.Service, m.Version, m.Baseline)), previousHeartbeat))
            .ToList();
        if (request.Partial)
        {
            // What the node left out has not changed since its last accepted heartbeat: kept, while still placed here.
            var reported = metrics.Select(m => (m.Service, m.Version, m.Baseline)).ToHashSet();
            metrics.AddRange(before.Metrics.Where(m => !reported.Contains((m.Service, m.Version, m.Baseline)) && Assigned(m.Service, m.Version, m.Baseline)));
        }
        // Lists a partial heartbeat leaves out stay as stored: not rewritten (ten thousand entries on a large node).
        var writeReady = !request.Partial || request.Ready is not null;
        var writeFailed = !request.Partial || request.Failed is not null;

        var dropped = readyIn.Count - ready.Count + failedIn.Count - failed.Count + metricsIn.Count - metrics.Count + strays;
        if (dropped > 0)
        {
            var examples = readyIn.Where(r => placed.DigestOf(r.Service, r.Version) != r.Digest).Select(r => NodePlacements.Key(r.Service, r.Version))
                .Concat(failedIn.Where(f => !Assigned(f.Service, f.Version)).Select(f => NodePlacements.Key(f.Service, f.Version)))
                .Concat(metricsIn.Where(m => !Assigned(m.Service, m.Version, m.Role == VersionRole.Baseline))
                    .Select(m => NodePlacements.Key(m.Service, m.Version, m.Role == VersionRole.Baseline)))
                .Distinct().Take(5);
            // A node keeps reporting what it no longer runs for a heartbeat or two after a placement change, and a hostile
            // one on every heartbeat: a warning per node at most once a minute, the rest at Debug.
            var now = clock.GetUtcNow();
            var warn = true;
            LastDropWarning.AddOrUpdate(id, now, (_, last) => (warn = now - last >= DropWarningInterval) ? now : last);
            loggers.CreateLogger(typeof(NodeHeartbeat)).Log(warn ? LogLevel.Warning : LogLevel.Debug,
                "Node {Node} reported {Dropped} entries for versions not placed on it (e.g. {Examples}); dropped",
                principal.Identity?.Name, dropped, string.Join(", ", examples));
        }

        await using var transaction = changedIn.Count > 0 ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.Nodes.Where(n => n.Id == id && n.RevokedAt == null).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(n => n.LastHeartbeatAt, clock.GetUtcNow())
                .SetProperty(n => n.AppliedRevision, request.AppliedRevision)
                .SetProperty(n => n.Metrics, metrics);
            if (writeReady) s.SetProperty(n => n.ReadyVersions, ready);
            if (writeFailed) s.SetProperty(n => n.FailedVersions, failed);
        }, ct);
        if (transaction is not null)
        {
            // Only the entries of the services named are replaced (service names hold no '@'); the rest of the node's lists
            // stays as stored. A service no longer placed loses its entries: nothing of it is kept.
            var services = changedIn.Select(c => c.Service).Distinct(StringComparer.Ordinal).ToArray();
            await db.Database.ExecuteSqlAsync($"""
                UPDATE nodes SET
                    ready_versions = ARRAY(SELECT v FROM unnest(ready_versions) AS v WHERE split_part(v, '@', 1) <> ALL({services})) || {ready.ToArray()},
                    failed_versions = ARRAY(SELECT v FROM unnest(failed_versions) AS v WHERE split_part(v, '@', 1) <> ALL({services})) || {failed.ToArray()}
                WHERE id = {id} AND revoked_at IS NULL
                """, ct);
            await transaction.CommitAsync(ct);
        }
        // What the node reported may decide a rollout of a service it serves: its run looks now, not at its next wake-up.
        await RolloutNudges.ServicesReportedAsync(db, placed.ServiceIds, ct);
        return TypedResults.NoContent();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
