using System.Security.Claims;
using Platform.Application.Identity;

namespace Platform.Api.Infrastructure;

public static class ActorAccessor
{
    /// <summary>The caller as the application layer sees it.</summary>
    public static Actor ToActor(this ClaimsPrincipal principal)
    {
        var name = principal.Identity?.Name ?? throw new InvalidOperationException("The caller is not authenticated.");
        var userId = principal.FindFirst(PlatformClaims.UserId)?.Value;
        var tokenName = principal.FindFirst(PlatformClaims.TokenName)?.Value;
        var personal = principal.FindFirst(PlatformClaims.TokenKind)?.Value == "Personal";
        return new Actor(
            userId is null ? null : Guid.Parse(userId),
            name,
            principal.HasClaim(PlatformClaims.Admin, "true"),
            principal.FindAll(PlatformClaims.Team).Select(c => Guid.Parse(c.Value)).ToHashSet(),
            principal.FindAll(PlatformClaims.Scope).Select(c => c.Value).ToList(),
            personal ? $"token:{tokenName} ({name})" : $"user:{name}");
    }

    public static Guid? NodeId(this ClaimsPrincipal principal) =>
        principal.FindFirst(PlatformClaims.NodeId)?.Value is { } id ? Guid.Parse(id) : null;
}
