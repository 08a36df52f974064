namespace Platform.Api.Features.Nodes;

/// <summary>
/// What this API instance keeps in memory to answer nodes at fleet scale: the deployed services (refreshed by what the
/// database notifies), published versions (never changed) and services' entries, built and digested.
/// </summary>
public sealed class DesiredStateMemory(FleetDeployments fleet, PublishedVersions versions, DesiredEntries entries)
{
    public FleetDeployments Fleet { get; } = fleet;

    public PublishedVersions Versions { get; } = versions;

    public DesiredEntries Entries { get; } = entries;
}
