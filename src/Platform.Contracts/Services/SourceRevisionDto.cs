namespace Platform.Contracts.Services;

/// <summary>A source revision with its files; <see cref="CommitSha"/> is the commit of the service repository it was taken from.</summary>
public sealed record SourceRevisionDto(int Number, string Digest, string Message, string Author, DateTimeOffset CreatedAt, IReadOnlyList<FileDto> Files,
    string? CommitSha = null);
