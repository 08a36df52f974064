using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Contracts.Identity;
using Platform.Data;
using Platform.Domain.Identity;
using Platform.Domain.Teams;

namespace Platform.Api.Features.Auth.Oidc;

/// <summary>
/// POST /auth/sessions/oidc: exchanges an ID token from the organisation's provider for a session token. The
/// person is found by issuer + subject, or created on first sign-in; the provider is the source of truth for their
/// name, e-mail, teams (groups named like Platform teams) and admin role, refreshed at every sign-in.
/// </summary>
public static class OidcSignIn
{
    public static async Task<Results<Ok<SignInResponse>, ProblemHttpResult>> Handle(
        OidcSignInRequest request, OidcTokenValidator validator, IOptions<OidcOptions> options, PlatformDbContext db, TokenIssuer issuer,
        AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (!validator.IsConfigured)
            return TypedResults.Problem(statusCode: 404, title: "Single sign-on is not configured", detail: "Sign in with a Platform account instead.");
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        OidcIdentity identity;
        try
        {
            identity = await validator.ValidateAsync(request.IdToken, ct);
        }
        catch (OidcTokenException e)
        {
            audit.Record("anonymous:oidc", "auth.sign-in.failed", "auth/oidc", new() { ["reason"] = e.Message, ["address"] = address });
            await db.SaveChangesAsync(ct);
            return TypedResults.Problem(statusCode: 401, title: "Sign-in failed", detail: e.Message);
        }

        var user = await db.Users.Include(u => u.Memberships).ThenInclude(m => m.Team)
            .FirstOrDefaultAsync(u => u.ExternalIssuer == identity.Issuer && u.ExternalSubject == identity.Subject, ct);
        var now = clock.GetUtcNow();
        if (user is null)
        {
            if (await db.Users.AnyAsync(u => u.UserName == identity.UserName, ct))
            {
                audit.Record($"anonymous:{identity.UserName}", "auth.sign-in.failed", $"user/{identity.UserName}",
                    new() { ["reason"] = "name taken by another account", ["address"] = address });
                await db.SaveChangesAsync(ct);
                return TypedResults.Problem(statusCode: 409, title: "Account name taken",
                    detail: $"Another Platform account is already called '{identity.UserName}'; ask a platform admin to rename one of them.");
            }
            user = new User { UserName = identity.UserName, DisplayName = identity.DisplayName, CreatedAt = now,
                ExternalIssuer = identity.Issuer, ExternalSubject = identity.Subject };
            db.Users.Add(user);
            audit.Record($"user:{user.UserName}", "user.provision", $"user/{user.UserName}", new() { ["issuer"] = identity.Issuer });
        }
        if (user.DeactivatedAt is not null)
        {
            audit.Record($"anonymous:{user.UserName}", "auth.sign-in.failed", $"user/{user.UserName}", new() { ["reason"] = "deactivated", ["address"] = address });
            await db.SaveChangesAsync(ct);
            return SignIn.Deactivated();
        }
        var teams = await db.Teams.Where(t => identity.Groups.Contains(t.Name)).ToListAsync(ct);
        Refresh(user, identity, teams, identity.Groups.Contains(options.Value.AdminGroup), now);

        var (token, secret) = issuer.Issue(user.Id, "session", TokenKind.Session, TokenScopes.All, TokenIssuer.SessionLifetime);
        audit.Record($"user:{user.UserName}", "auth.sign-in", $"user/{user.UserName}", new()
        {
            ["method"] = "oidc", ["address"] = address, ["teams"] = string.Join(",", teams.Select(t => t.Name).Order(StringComparer.Ordinal)),
            ["admin"] = user.IsAdmin ? "true" : "false",
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SignInResponse(secret, token.ExpiresAt, user.ToDto()));
    }

    private static void Refresh(User user, OidcIdentity identity, List<Team> teams, bool isAdmin, DateTimeOffset now)
    {
        user.DisplayName = identity.DisplayName;
        user.Email = identity.Email;
        user.IsAdmin = isAdmin;
        user.Memberships.RemoveAll(m => teams.All(t => t.Id != m.TeamId));
        foreach (var team in teams.Where(t => user.Memberships.All(m => m.TeamId != t.Id)))
        {
            user.Memberships.Add(new TeamMembership { TeamId = team.Id, Team = team, UserId = user.Id, JoinedAt = now });
        }
    }
}
