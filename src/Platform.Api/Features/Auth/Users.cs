using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Application.Auditing;
using Platform.Contracts.Identity;
using Platform.Data;
using Platform.Domain.Identity;

namespace Platform.Api.Features.Auth;

/// <summary>
/// GET /users (platform admins): everyone who can sign in, with their teams and how and when they last signed in.
/// POST /users/{name}/deactivate and /reactivate: someone who left loses access at once: every token they hold is
/// revoked, and neither a password nor single sign-on lets them in until an admin reactivates the account.
/// </summary>
public static class Users
{
    public static async Task<Ok<List<UserSummaryDto>>> List(PlatformDbContext db, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Include(u => u.Memberships).ThenInclude(m => m.Team).OrderBy(u => u.UserName).ToListAsync(ct);
        var targets = users.Select(u => $"user/{u.UserName}").ToList();
        var lastSignIns = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "auth.sign-in" && targets.Contains(a.Target))
            .GroupBy(a => a.Target)
            .Select(g => new { Target = g.Key, At = g.Max(a => a.At) })
            .ToDictionaryAsync(x => x.Target, x => x.At, ct);
        return TypedResults.Ok(users.Select(u => ToSummary(u, lastSignIns.TryGetValue($"user/{u.UserName}", out var at) ? at : null)).ToList());
    }

    public static async Task<Ok<UserSummaryDto>> Deactivate(string name, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var user = await FindAsync(db, name, ct);
        if (user.Id == actor.UserId) throw new ConflictException("You cannot deactivate your own account.");
        var now = clock.GetUtcNow();
        if (user.DeactivatedAt is null)
        {
            user.DeactivatedAt = now;
            var revoked = await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null && t.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
            audit.Record(actor, "user.deactivate", $"user/{user.UserName}", new() { ["revokedTokens"] = revoked.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(ToSummary(user, null));
    }

    public static async Task<Ok<UserSummaryDto>> Reactivate(string name, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, CancellationToken ct)
    {
        var user = await FindAsync(db, name, ct);
        if (user.DeactivatedAt is not null)
        {
            user.DeactivatedAt = null;
            audit.Record(principal.ToActor(), "user.reactivate", $"user/{user.UserName}");
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(ToSummary(user, null));
    }

    private static async Task<User> FindAsync(PlatformDbContext db, string name, CancellationToken ct) =>
        await db.Users.Include(u => u.Memberships).ThenInclude(m => m.Team).FirstOrDefaultAsync(u => u.UserName == name, ct)
        ?? throw new NotFoundException("User", name);

    private static UserSummaryDto ToSummary(User u, DateTimeOffset? lastSignIn) =>
        new(u.UserName, u.DisplayName, u.Email, u.IsAdmin, u.Memberships.Select(m => m.Team!.Name).Order(StringComparer.Ordinal).ToList(),
            u.ExternalSubject is null ? "password" : "sso", u.CreatedAt, lastSignIn, u.DeactivatedAt);
}
