using Platform.Domain.Manifests;

namespace Platform.Domain.Registry;

/// <summary>An immutable, published version of a service's component.</summary>
public sealed class ComponentVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ServiceId { get; set; }
    public required string Version { get; set; }
    public required string Digest { get; set; }
    public long Size { get; set; }
    public required string Executor { get; set; }
    public List<string> Imports { get; set; } = [];
    public List<string> Exports { get; set; } = [];
    /// <summary>The manifest as published (TOML), and what it grants.</summary>
    public required string ManifestText { get; set; }
    public List<string> AllowedOutboundHosts { get; set; } = [];
    public List<string> KeyValueStores { get; set; } = [];
    /// <summary>Topics the component may publish to (the manifest's publish_topics).</summary>
    public List<string> PublishTopics { get; set; } = [];
    /// <summary>The manifest's [[triggers]], defaults filled in.</summary>
    public List<TriggerSpec> Triggers { get; set; } = [];
    /// <summary>Default values of the declared variables that have one.</summary>
    public Dictionary<string, string> Variables { get; set; } = [];
    /// <summary>Every variable the manifest declares: only these are delivered to the component.</summary>
    public List<string> DeclaredVariables { get; set; } = [];
    /// <summary>Declared variables that must have a value before the version may roll out.</summary>
    public List<string> RequiredVariables { get; set; } = [];
    /// <summary>Declared variables marked secret: their values are never shown back.</summary>
    public List<string> SecretVariables { get; set; } = [];
    public int DeadlineMs { get; set; }
    public int MemoryMb { get; set; }
    public int MaxInstances { get; set; }
    public string? SourceRevisionDigest { get; set; }
    public Guid? BuildId { get; set; }
    public Guid? TemplateVersionId { get; set; }
    public required string PublishedBy { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
}
