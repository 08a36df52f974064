using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Domain.Deployments;
using Platform.Domain.Nodes;
using Platform.Domain.Services;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// What is placed on one node: the deployments of the services whose placement selects the node's accepted labels (a node
/// whose claim no admin accepted gets only what every node gets). The one source for a node's desired state and for
/// what its heartbeat may report on.
/// </summary>
public static class NodePlacements
{
    public sealed record Placed(Guid ServiceId, string Name, string Route, ServiceQuotaOverrides? Quotas, ServiceDeployment Deployment, string? VariablesStamp);

    /// <summary>
    /// The node's labels and its placed deployments (by service name); null when the node is unknown or revoked.
    /// <paramref name="fresh"/>: see <see cref="FleetDeployments.ReadAsync"/>.
    /// </summary>
    public static async Task<(IReadOnlyDictionary<string, string> Labels, List<Placed> Deployments)?> ForNodeAsync(
        PlatformDbContext db, FleetDeployments fleet, Guid nodeId, bool fresh, CancellationToken ct)
    {
        // What placement selects on; the rest of the row (every version the node reports on) is not read.
        var node = await db.Nodes.AsNoTracking().Where(n => n.Id == nodeId)
            .Select(n => new Node { Id = n.Id, Name = n.Name, BaseUrl = n.BaseUrl, TokenHash = "", Region = n.Region, Labels = n.Labels, RevokedAt = n.RevokedAt })
            .FirstOrDefaultAsync(ct);
        if (node is null || node.IsRevoked) return null;
        var labels = node.RingLabels();
        var rows = await fleet.ReadAsync(db, fresh, ct);
        return (labels, rows.Where(r => NodePlacement.Places(r.Placement, node))
            .Select(r => new Placed(r.ServiceId, r.Name, r.Route, r.Quotas, r.Deployment, r.VariablesStamp)).ToList());
    }

    /// <summary>"service@version", or "service@version (baseline)" for the baseline copy of that version.</summary>
    public static string Key(string service, string version, bool baseline = false) =>
        baseline ? $"{service}@{version} (baseline)" : $"{service}@{version}";
}
