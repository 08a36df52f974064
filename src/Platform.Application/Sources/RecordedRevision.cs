using Platform.Domain.Builds;
using Platform.Domain.Services;

namespace Platform.Application.Sources;

/// <summary>A commit of main taken in as a source revision, the commit recorded before it, and the build it queued.</summary>
public sealed record RecordedRevision(SourceRevision Revision, string? PreviousCommitSha, Build? Build, IReadOnlyList<string> Skipped);
