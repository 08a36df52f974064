using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Data;

namespace Platform.Api.Features.Auth;

/// <summary>DELETE /api/v1/auth/sessions/current: revokes the session token the request carries.</summary>
public static class SignOut
{
    public static async Task<NoContent> Handle(HttpRequest http, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var hash = Secrets.Hash(http.Headers.Authorization.ToString()["Bearer ".Length..].Trim());
        var token = await db.ApiTokens.FirstAsync(t => t.SecretHash == hash, ct);
        token.RevokedAt ??= clock.GetUtcNow();
        audit.Record(principal.ToActor(), "auth.sign-out", $"user/{principal.Identity!.Name}");
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
