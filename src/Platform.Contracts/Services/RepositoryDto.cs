namespace Platform.Contracts.Services;

/// <summary>
/// A service's git repository: where to clone it (an API token is the password), what main points at, and the
/// newest source revisions the platform took from it. <see cref="CloneUrl"/> is null for services without one.
/// </summary>
public sealed record RepositoryDto(string? CloneUrl, string DefaultBranch, string? MainCommit, IReadOnlyList<SourceRevisionSummaryDto> Revisions);
