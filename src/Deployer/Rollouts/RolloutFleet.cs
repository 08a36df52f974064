using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Strategy;
using Platform.Domain.Nodes;

namespace Platform.Deployer.Rollouts;

/// <summary>
/// The fleet as one rollout pass sees it: the nodes the service is placed on (its placement's selection of the
/// enrolled, unrevoked nodes; nodes it does not run on never count), which are online, and each one's ring. Each node
/// holds only the service's own ready and failed versions and metrics (<see cref="OnlyOf"/>).
/// </summary>
public sealed class RolloutFleet
{
    private RolloutFleet(IReadOnlyList<Node> all, IReadOnlyList<Node> online, RolloutStrategy strategy)
    {
        All = all;
        Online = online;
        Strategy = strategy;
    }

    public IReadOnlyList<Node> All { get; }
    public IReadOnlyList<Node> Online { get; }
    public RolloutStrategy Strategy { get; }

    public static async Task<RolloutFleet> LoadAsync(
        PlatformDbContext db, Guid serviceId, RolloutStrategy strategy, DateTimeOffset now, TimeSpan heartbeatTimeout, CancellationToken ct)
    {
        var service = await db.Services.AsNoTracking().Where(s => s.Id == serviceId).Select(s => new { s.Name, s.Placement }).FirstOrDefaultAsync(ct);
        var nodes = service is null ? [] : (await OnlyOf(db, service.Name).AsNoTracking().Where(n => n.RevokedAt == null).OrderBy(n => n.Name).ToListAsync(ct))
            .Where(n => NodePlacement.Places(service.Placement, n)).ToList();
        return new RolloutFleet(nodes, nodes.Where(n => n.IsOnline(now, heartbeatTimeout)).ToList(), strategy);
    }

    /// <summary>
    /// The nodes with only what concerns <paramref name="service"/> in their version lists: the ready and failed versions
    /// and the metrics a node reports hold an entry per version it runs (10,000 on a large node), and a pass reads one
    /// service's. Filtered in PostgreSQL, so a rollout step costs the same at the 10,000th service as at the 100th.
    /// </summary>
    private static IQueryable<Node> OnlyOf(PlatformDbContext db, string service)
    {
        var prefix = service + "@";
        return db.Nodes.FromSql($"""
            SELECT id, name, region, base_url, service_domain, labels, claimed_region, claimed_labels, token_hash, enrolled_at,
                   last_heartbeat_at, applied_revision, revoked_at, revoked_by,
                   ARRAY(SELECT v FROM unnest(ready_versions) AS v WHERE starts_with(v, {prefix})) AS ready_versions,
                   ARRAY(SELECT v FROM unnest(failed_versions) AS v WHERE starts_with(v, {prefix})) AS failed_versions,
                   COALESCE((SELECT jsonb_agg(m) FROM jsonb_array_elements(metrics) AS m WHERE m ->> 'service' = {service}), '[]'::jsonb) AS metrics
            FROM nodes
            """);
    }

    public int RingOf(Node node) => Strategy.RingOf(node.RingLabels());

    public IEnumerable<Node> OnlineInRing(int ring) => Online.Where(n => RingOf(n) == ring);

    /// <summary>Whether the service is placed on any node of <paramref name="ring"/> (online or not).</summary>
    public bool HasNodesInRing(int ring) => All.Any(n => RingOf(n) == ring);

    /// <summary>
    /// The first moment an online node would count as silent if it sent no further heartbeat (just past its last
    /// heartbeat plus the timeout): a rollout that sleeps looks again then, so a lost node is noticed as soon as before.
    /// </summary>
    public DateTimeOffset? SilentAfter(TimeSpan heartbeatTimeout) =>
        Online.Count == 0 ? null : Online.Min(n => n.LastHeartbeatAt!.Value) + heartbeatTimeout + TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Whether every online node has loaded the target version (it is part of their desired state from the
    /// rollout's start, at weight 0 until a step gives it traffic), or the first node's reason why it cannot.
    /// </summary>
    public Readiness ReadinessOf(string service, string version, string digest)
    {
        var key = Node.ReadyKey(service, version, digest);
        var failure = Online
            .SelectMany(n => n.FailedVersions.Where(f => f.StartsWith($"{service}@{version}:", StringComparison.Ordinal)).Select(f => $"{n.Name}: {f}"))
            .FirstOrDefault();
        return new Readiness(Online.Count, Online.Count(n => n.ReadyVersions.Contains(key)), failure);
    }
}
