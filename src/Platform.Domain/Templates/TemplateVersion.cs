namespace Platform.Domain.Templates;

/// <summary>Immutable content of a template: its form, its files and how services made from it build.</summary>
public sealed class TemplateVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TemplateId { get; set; }
    public Template? Template { get; set; }
    public required string Version { get; set; }
    /// <summary>Build toolchain, e.g. "c-component".</summary>
    public required string Toolchain { get; set; }
    /// <summary>Executor of the built artefact: "component" or "wagi".</summary>
    public required string Executor { get; set; }
    public List<TemplateParameter> Parameters { get; set; } = [];
    /// <summary>Relative path → content, both possibly holding placeholders.</summary>
    public Dictionary<string, string> Files { get; set; } = [];
    /// <summary>Whether creating a service also deploys its first build.</summary>
    public bool DeployOnCreate { get; set; } = true;
    public TemplateVersionStatus Status { get; set; }
    public string? VettedBy { get; set; }
    public DateTimeOffset? VettedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
