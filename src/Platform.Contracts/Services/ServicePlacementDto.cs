namespace Platform.Contracts.Services;

/// <summary>A service's placement and the enrolled nodes it selects now (revoked nodes never count).</summary>
public sealed record ServicePlacementDto(PlacementDto Placement, bool EveryNode, IReadOnlyList<string> Nodes);
