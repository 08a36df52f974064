namespace Platform.Contracts.Nodes;

public sealed record ReadyVersionDto(string Service, string Version, string Digest);
