using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Domain.Identity;
using Platform.Domain.Teams;

namespace Platform.Migrations;

/// <summary>
/// The platform team (owner of the built-in templates) always; demo people and teams on request.
/// Idempotent: what exists is left as it is.
/// </summary>
public static class DemoSeeder
{
    public const string DemoPassword = "platform-demo";

    public static async Task SeedTeamsAsync(PlatformDbContext db, bool demo, CancellationToken ct)
    {
        await EnsureTeamAsync(db, "platform", "Platform team", ct);
        if (!demo) return;
        var payments = await EnsureTeamAsync(db, "payments", "Payments", ct);
        var web = await EnsureTeamAsync(db, "web", "Web experience", ct);
        var platform = await db.Teams.FirstAsync(t => t.Name == "platform", ct);
        await EnsureUserAsync(db, "admin", "Ada Admin", isAdmin: true, [platform], ct);
        await EnsureUserAsync(db, "alice", "Alice Developer", isAdmin: false, [payments], ct);
        await EnsureUserAsync(db, "bob", "Bob Developer", isAdmin: false, [web], ct);
    }

    private static async Task<Team> EnsureTeamAsync(PlatformDbContext db, string name, string displayName, CancellationToken ct)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Name == name, ct);
        if (team is not null) return team;
        team = new Team { Name = name, DisplayName = displayName, CreatedAt = DateTimeOffset.UtcNow };
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        return team;
    }

    private static async Task EnsureUserAsync(PlatformDbContext db, string userName, string displayName, bool isAdmin, Team[] teams, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.UserName == userName, ct)) return;
        var now = DateTimeOffset.UtcNow;
        var user = new User { UserName = userName, DisplayName = displayName, Email = $"{userName}@example.com", IsAdmin = isAdmin, CreatedAt = now };
        user.PasswordHash = new PasswordHasher<User>().HashPassword(user, DemoPassword);
        user.Memberships.AddRange(teams.Select(t => new TeamMembership { TeamId = t.Id, UserId = user.Id, JoinedAt = now }));
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
    }
}
