using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Api.Features.Repositories;
using Platform.Application.Identity;
using Platform.Data;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Bearer tokens: "plat_…" for people (session or personal tokens), "node_…" for enrolled edge nodes.
/// Only hashes are stored, so the lookup is by the hash of what was presented. On the git paths the token
/// may also come as the password of HTTP Basic (what git clients send), and the challenge asks for that.
/// </summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PlatformDbContext db,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = PresentedSecret();
        if (secret is null) return AuthenticateResult.NoResult();
        var hash = Secrets.Hash(secret);
        var now = clock.GetUtcNow();

        if (secret.StartsWith(NodeTokens.Prefix + "_", StringComparison.Ordinal))
        {
            // Only what identifies the node: its row also holds every version it reports on (ten thousand on a large node).
            var node = await db.Nodes.AsNoTracking().Where(n => n.TokenHash == hash)
                .Select(n => new { n.Id, n.Name, IsRevoked = n.RevokedAt != null }).FirstOrDefaultAsync(Context.RequestAborted);
            if (node is null) return AuthenticateResult.Fail("Unknown node token.");
            if (node.IsRevoked) return AuthenticateResult.Fail("The node was revoked.");
            var claims = new[] { new Claim(ClaimTypes.Name, node.Name), new Claim(PlatformClaims.NodeId, node.Id.ToString()) };
            return Success(claims);
        }

        var token = await db.ApiTokens.Include(t => t.User).ThenInclude(u => u!.Memberships)
            .FirstOrDefaultAsync(t => t.SecretHash == hash, Context.RequestAborted);
        if (token is null || token.User is null) return AuthenticateResult.Fail("Unknown token.");
        if (!token.IsActive(now)) return AuthenticateResult.Fail("The token has expired or was revoked.");
        if (token.User.DeactivatedAt is not null) return AuthenticateResult.Fail("The account is deactivated.");
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var user = token.User;
        var userClaims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new(PlatformClaims.UserId, user.Id.ToString()),
            new(PlatformClaims.TokenName, token.Name),
            new(PlatformClaims.TokenKind, token.Kind.ToString()),
        };
        if (user.IsAdmin) userClaims.Add(new Claim(PlatformClaims.Admin, "true"));
        userClaims.AddRange(user.Memberships.Select(m => new Claim(PlatformClaims.Team, m.TeamId.ToString())));
        userClaims.AddRange(token.Scopes.Select(s => new Claim(PlatformClaims.Scope, s)));
        return Success(userClaims);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (GitHttpEndpoints.IsGitPath(Request.Path)) Response.Headers.WWWAuthenticate = "Basic realm=\"Platform\"";
        return base.HandleChallengeAsync(properties);
    }

    private string? PresentedSecret()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || !GitHttpEndpoints.IsGitPath(Request.Path)) return null;
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 || colon == credentials.Length - 1 ? null : credentials[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private AuthenticateResult Success(IEnumerable<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
}
