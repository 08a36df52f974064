namespace Platform.Domain.Services;

/// <summary>
/// One revision of a service's source as the platform holds it: the files a build starts from.
/// Numbered per service from 1; immutable.
/// </summary>
public sealed class SourceRevision
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ServiceId { get; set; }
    public int Number { get; set; }
    public required string Message { get; set; }
    public required string Author { get; set; }
    /// <summary>Content address of the file set (sha256 over sorted paths and contents).</summary>
    public required string Digest { get; set; }
    public Dictionary<string, string> Files { get; set; } = [];
    /// <summary>The commit on the service repository's main branch these files were taken from (null before repositories existed).</summary>
    public string? CommitSha { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
