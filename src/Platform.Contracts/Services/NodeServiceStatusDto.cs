namespace Platform.Contracts.Services;

/// <summary>Whether one node is ready to serve the service's stable version.</summary>
public sealed record NodeServiceStatusDto(string Node, string Region, string Url, bool Online, bool Ready, string? Failure, int CanaryWeight = 0);
