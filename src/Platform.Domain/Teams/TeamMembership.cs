using Platform.Domain.Identity;

namespace Platform.Domain.Teams;

public sealed class TeamMembership
{
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}
