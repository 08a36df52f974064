using Platform.Application.Quotas;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// A node's entries as its last turn computed them, with what they were computed from: the fleet's snapshot (its epoch
/// and generation, see <see cref="FleetDeployments.Snapshot"/>) and everything else an entry depends on besides its own
/// row (<see cref="Inputs"/>). While those inputs stay the same, the node's next turn computes again only the services
/// whose rows changed since (<see cref="FleetDeployments.ChangedBetween"/>): with ten thousand services placed on a node, a
/// turn after one change costs that one service and a walk of the slots, and a turn after none costs nothing.
/// </summary>
/// <param name="Slots">Each placed service's entry by id (no entry: its stable version is withheld).</param>
public sealed record NodeView(NodeView.Inputs With, long Epoch, long Generation, IReadOnlyDictionary<Guid, NodeView.Slot> Slots, NodeEntries Entries)
{
    /// <summary>What every entry of the node is computed with besides its own row; any change computes them all again.</summary>
    /// <param name="LabelsAccepted">Whether an admin accepted the node's labels (placement selects an unvetted node only for every node).</param>
    /// <param name="Labels">The labels placements and rings select on, in key order.</param>
    /// <param name="Withheld">The versions on no node (capabilities awaiting an admin), in order.</param>
    /// <param name="Replays">The active replays with their target versions, by id.</param>
    /// <param name="Quotas">The platform's quotas (the same instance while the API runs).</param>
    public sealed record Inputs(bool LabelsAccepted, string Labels, string Withheld, string Replays, QuotaOptions Quotas);

    /// <summary>A placed service's entry; null when its stable version is withheld (placed, but nothing to serve).</summary>
    public sealed record Slot(BuiltEntry? Entry);
}
