namespace Platform.Domain.Registry;

/// <summary>Content-addressed bytes; stored once however many versions share them.</summary>
public sealed class Blob
{
    public required string Digest { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
