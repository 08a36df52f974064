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
        SignInRequest request, PlatformDbContext db, TokenIssuer issuer, AuditLog audit, IPasswordHasher<User> hasher, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Memberships).ThenInclude(m => m.Team)
            .FirstOrDefaultAsync(u => u.UserName == request.UserName, ct);
        var verified = user?.PasswordHash is not null
            && hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password ?? "") != PasswordVerificationResult.Failed;
        if (user is null || !verified)
        {
            audit.Record($"anonymous:{request.UserName}", "auth.sign-in.failed", $"user/{request.UserName}");
            await db.SaveChangesAsync(ct);
            return TypedResults.Problem(statusCode: 401, title: "Sign-in failed", detail: "The user name or password is wrong.");
        }

        var (token, secret) = issuer.Issue(user.Id, "session", TokenKind.Session, TokenScopes.All, TokenIssuer.SessionLifetime);
        audit.Record($"user:{user.UserName}", "auth.sign-in", $"user/{user.UserName}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SignInResponse(secret, token.ExpiresAt, user.ToDto()));
    }
}
