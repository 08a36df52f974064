namespace Platform.Domain.Teams;

/// <summary>A group that owns services and templates. Developers act on what their teams own.</summary>
public sealed class Team
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<TeamMembership> Members { get; set; } = [];
}
