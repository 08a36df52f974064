namespace Platform.Contracts.Services;

public sealed record SourceRevisionDto(int Number, string Digest, string Message, string Author, DateTimeOffset CreatedAt, IReadOnlyList<FileDto> Files);
