using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Contracts.Identity;
using Platform.Data;
using Platform.Domain.Identity;

namespace Platform.Api.Features.Auth;

/// <summary>Exchanges a local account's password for a session token (portal and CLI sign-in).</summary>
public static class SignIn
{
    public const string RateLimitPolicy = "sign-in";

    public static async Task<Results<Ok<SignInResponse>, ProblemHttpResult>> Handle(
        SignInRequest request, PlatformDbContext db, TokenIssuer issuer, AuditLog audit, IPasswordHasher<User> hasher,
        IConfiguration configuration, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        // The person's address: a trusted proxy (the portal) passes it on in X-Forwarded-For (see TrustedProxies).
        Dictionary<string, string> from = new() { ["address"] = http.Connection.RemoteIpAddress?.ToString() ?? "unknown" };
        if (await IsLockedOutAsync(db, $"user/{request.UserName}", configuration, clock, ct))
        {
            return TypedResults.Problem(statusCode: 429, title: "Account temporarily locked",
                detail: "Too many wrong passwords for this account; try again in a few minutes.");
        }
        var user = await db.Users.Include(u => u.Memberships).ThenInclude(m => m.Team)
            .FirstOrDefaultAsync(u => u.UserName == request.UserName, ct);
        var verified = user?.PasswordHash is not null
            && hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password ?? "") != PasswordVerificationResult.Failed;
        if (user is { DeactivatedAt: not null } && verified)
        {
            audit.Record($"anonymous:{request.UserName}", "auth.sign-in.failed", $"user/{request.UserName}", new(from) { ["reason"] = "deactivated" });
            await db.SaveChangesAsync(ct);
            return Deactivated();
        }
        if (user is null || !verified)
        {
            audit.Record($"anonymous:{request.UserName}", "auth.sign-in.failed", $"user/{request.UserName}", from);
            await db.SaveChangesAsync(ct);
            return TypedResults.Problem(statusCode: 401, title: "Sign-in failed", detail: "The user name or password is wrong.");
        }

        var (token, secret) = issuer.Issue(user.Id, "session", TokenKind.Session, TokenScopes.All, TokenIssuer.SessionLifetime);
        audit.Record($"user:{user.UserName}", "auth.sign-in", $"user/{user.UserName}", from);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SignInResponse(secret, token.ExpiresAt, user.ToDto()));
    }

    /// <summary>The answer to a right password (or a valid ID token) of a deactivated account.</summary>
    internal static ProblemHttpResult Deactivated() =>
        TypedResults.Problem(statusCode: 403, title: "Account deactivated", detail: "This account is deactivated; ask a platform admin.");

    /// <summary>
    /// Password guessing against one account, from any number of addresses: after
    /// <c>Auth:FailedSignInsBeforeLockout</c> (10) wrong passwords since the last sign-in within
    /// <c>Auth:LockoutMinutes</c> (15), the account refuses sign-ins until the window has passed.
    /// </summary>
    private static async Task<bool> IsLockedOutAsync(PlatformDbContext db, string target, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var since = clock.GetUtcNow() - TimeSpan.FromMinutes(configuration.GetValue("Auth:LockoutMinutes", 15));
        var lastSuccess = await db.AuditEntries.Where(a => a.Target == target && a.Action == "auth.sign-in" && a.At > since)
            .MaxAsync(a => (DateTimeOffset?)a.At, ct) ?? since;
        var failures = await db.AuditEntries.CountAsync(a => a.Target == target && a.Action == "auth.sign-in.failed" && a.At > lastSuccess, ct);
        return failures >= configuration.GetValue("Auth:FailedSignInsBeforeLockout", 10);
    }
}
