using Platform.Domain.Teams;

namespace Platform.Domain.Templates;

/// <summary>A golden-path starting point owned by a team; its content lives in immutable versions.</summary>
public sealed class Template
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public Guid OwnerTeamId { get; set; }
    public Team? OwnerTeam { get; set; }
    public required string Language { get; set; }
    public List<string> Tags { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public List<TemplateVersion> Versions { get; set; } = [];
}
