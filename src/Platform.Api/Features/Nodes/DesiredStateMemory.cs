namespace Platform.Api.Features.Nodes;

/// <summary>
/// What this API instance keeps in memory to answer nodes at fleet scale: the deployed services (refreshed by what the
/// database notifies), published versions (never changed) and the digests of services' entries.
/// </summary>
public sealed class DesiredStateMemory(FleetDeployments fleet, PublishedVersions versions, EntryDigests entryDigests)
{
    public FleetDeployments Fleet { get; } = fleet;

    public PublishedVersions Versions { get; } = versions;

    public EntryDigests EntryDigests { get; } = entryDigests;
}
