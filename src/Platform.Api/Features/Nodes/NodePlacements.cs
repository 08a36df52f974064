using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Domain.Nodes;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// The node as placement sees it: a service is placed on it when its placement selects the node's accepted labels (a node
/// whose claim no admin accepted gets only what every node gets; see <see cref="NodePlacement"/>). What is placed is the
/// one source for a node's desired state and for what its heartbeat may report on (<see cref="DesiredState.EntriesAsync"/>).
/// </summary>
public static class NodePlacements
{
    /// <summary>The node as placement sees it (its identity and accepted labels); null when it is unknown or revoked.</summary>
    public static async Task<Node?> NodeAsync(PlatformDbContext db, Guid nodeId, CancellationToken ct)
    {
        // What placement selects on; the rest of the row (every version the node reports on) is not read.
        var node = await db.Nodes.AsNoTracking().Where(n => n.Id == nodeId)
            .Select(n => new Node { Id = n.Id, Name = n.Name, BaseUrl = n.BaseUrl, TokenHash = "", Region = n.Region, Labels = n.Labels, RevokedAt = n.RevokedAt })
            .FirstOrDefaultAsync(ct);
        return node is null || node.IsRevoked ? null : node;
    }

    /// <summary>"service@version", or "service@version (baseline)" for the baseline copy of that version.</summary>
    public static string Key(string service, string version, bool baseline = false) =>
        baseline ? $"{service}@{version} (baseline)" : $"{service}@{version}";
}
