namespace Platform.Domain.Topics;

/// <summary>One immutable version of a topic's JSON Schema; the highest version is the one events are checked against.</summary>
public sealed class TopicSchemaVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TopicId { get; set; }
    public int Version { get; set; }
    /// <summary>The schema as the owner sent it (JSON text).</summary>
    public required string Schema { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
