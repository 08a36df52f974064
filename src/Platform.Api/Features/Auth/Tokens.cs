using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Contracts.Identity;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Identity;

namespace Platform.Api.Features.Auth;

/// <summary>Personal API tokens for automation: create (secret shown once), list, revoke.</summary>
public static class Tokens
{
    public static async Task<Created<CreatedTokenDto>> Create(
        CreateTokenRequest request, ClaimsPrincipal principal, PlatformDbContext db, TokenIssuer issuer, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var actor = principal.ToActor();
        // A leaked automation token must not be able to mint longer-lived or broader ones.
        if (principal.FindFirst(PlatformClaims.TokenKind)?.Value != nameof(TokenKind.Session))
            throw new Platform.Application.ForbiddenException("Personal tokens are created from a signed-in session, not by another token.");
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
            throw new DomainException("A token needs a name of 1-100 characters.", "name");
        var (token, secret) = issuer.Issue(actor.UserId!.Value, request.Name.Trim(), TokenKind.Personal, request.Scopes ?? [], TimeSpan.FromDays(request.ExpiresInDays));
        audit.Record(actor, "token.create", $"token/{token.Id}", new() { ["name"] = token.Name, ["scopes"] = string.Join(' ', token.Scopes) });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/tokens/{token.Id}", new CreatedTokenDto(token.ToDto(clock.GetUtcNow()), secret));
    }

    public static async Task<Ok<List<TokenDto>>> List(ClaimsPrincipal principal, PlatformDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var userId = principal.ToActor().UserId;
        var tokens = await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.Kind == TokenKind.Personal)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(tokens.Select(t => t.ToDto(now)).ToList());
    }

    public static async Task<Results<NoContent, NotFound>> Revoke(
        Guid id, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && (t.UserId == actor.UserId || actor.IsAdmin), ct);
        if (token is null) return TypedResults.NotFound();
        token.RevokedAt ??= clock.GetUtcNow();
        audit.Record(actor, "token.revoke", $"token/{token.Id}", new() { ["name"] = token.Name });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
