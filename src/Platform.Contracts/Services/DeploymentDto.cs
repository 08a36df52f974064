namespace Platform.Contracts.Services;

public sealed record DeploymentDto(
    string StableVersion,
    string? CanaryVersion,
    int CanaryWeight,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<NodeServiceStatusDto> Nodes);
