using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Data;

namespace Platform.Api.Features.Auth;

/// <summary>GET /users (platform admins): everyone who can sign in, with their teams and how and when they last signed in.</summary>
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
        return TypedResults.Ok(users.Select(u => new UserSummaryDto(
            u.UserName, u.DisplayName, u.Email, u.IsAdmin,
            u.Memberships.Select(m => m.Team!.Name).Order(StringComparer.Ordinal).ToList(),
            u.ExternalSubject is null ? "password" : "sso",
            u.CreatedAt,
            lastSignIns.TryGetValue($"user/{u.UserName}", out var at) ? at : null)).ToList());
    }
}
