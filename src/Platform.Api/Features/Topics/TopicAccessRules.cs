using Microsoft.EntityFrameworkCore;
using Platform.Application;
using Platform.Application.Identity;
using Platform.Data;
using Platform.Domain.Topics;

namespace Platform.Api.Features.Topics;

/// <summary>Who may do what with a topic: everyone signed in reads; its team (and platform admins) change it; publishers publish.</summary>
public static class TopicAccessRules
{
    public static async Task<Topic> FindTopicAsync(this PlatformDbContext db, string name, CancellationToken ct) =>
        await db.Topics.Include(t => t.OwnerTeam).Include(t => t.Schemas).AsSplitQuery().FirstOrDefaultAsync(t => t.Name == name, ct)
            ?? throw new NotFoundException("Topic", name);

    /// <summary>Loads a topic the caller may change: its team's, or any for admins.</summary>
    public static async Task<Topic> FindOwnedTopicAsync(this PlatformDbContext db, string name, Actor actor, CancellationToken ct)
    {
        var topic = await db.FindTopicAsync(name, ct);
        if (!actor.CanActFor(topic.OwnerTeamId))
            throw new ForbiddenException($"Only members of the team that owns topic '{name}' (or platform admins) may change it.");
        return topic;
    }

    /// <summary>
    /// People publish for their teams: a member of the owner team or of a team in the topic's publishers. Platform admins are
    /// not publishers by their role (they may grant a team of theirs the right, which is audited).
    /// </summary>
    public static async Task<bool> MayPublishAsync(this PlatformDbContext db, Topic topic, Actor actor, CancellationToken ct)
    {
        if (actor.TeamIds.Contains(topic.OwnerTeamId)) return true;
        var names = topic.Publishers.Teams;
        return names.Count > 0 && await db.Teams.AnyAsync(t => names.Contains(t.Name) && actor.TeamIds.Contains(t.Id), ct);
    }
}
