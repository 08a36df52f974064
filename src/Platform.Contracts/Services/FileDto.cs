namespace Platform.Contracts.Services;

public sealed record FileDto(string Path, string Content);
