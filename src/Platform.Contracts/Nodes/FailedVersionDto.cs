namespace Platform.Contracts.Nodes;

public sealed record FailedVersionDto(string Service, string Version, string Digest, string Reason);
