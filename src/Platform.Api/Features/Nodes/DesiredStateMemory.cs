using System.Collections.Concurrent;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// What this API instance keeps in memory to answer nodes at fleet scale: the deployed services (refreshed by what the
/// database notifies), published versions (never changed), services' entries, built and digested, and each node's view
/// of them as its last turn computed it (dropped when the node is revoked, deleted or unknown).
/// </summary>
public sealed class DesiredStateMemory(FleetDeployments fleet, PublishedVersions versions, DesiredEntries entries)
{
    public FleetDeployments Fleet { get; } = fleet;

    public PublishedVersions Versions { get; } = versions;

    public DesiredEntries Entries { get; } = entries;

    public ConcurrentDictionary<Guid, NodeView> Views { get; } = new();
}
