namespace Platform.Contracts.Services;

public sealed record SourceRevisionSummaryDto(int Number, string? CommitSha, string Message, string Author, DateTimeOffset CreatedAt);
