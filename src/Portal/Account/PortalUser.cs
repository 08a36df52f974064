using System.Globalization;
using System.Security.Claims;
using Platform.Contracts.Identity;

namespace Platform.Portal.Account;

/// <summary>
/// The signed-in person as the portal's cookie remembers them. The cookie is encrypted with the portal's
/// data-protection keys, so the API session token in it is never readable in the browser.
/// </summary>
public sealed record PortalUser(string UserName, string DisplayName, bool IsAdmin, IReadOnlyList<string> Teams, string ApiToken, DateTimeOffset ApiTokenExpiresAt)
{
    private const string SingleSignOnClaim = "platform:sso";

    private const string DisplayNameClaim = "platform:display_name";
    private const string AdminClaim = "platform:admin";
    private const string TeamClaim = "platform:team";
    private const string TokenClaim = "platform:api_token";
    private const string ExpiresClaim = "platform:api_token_expires";

    /// <summary>Signed in through the organisation's provider: signing out also ends the provider's session.</summary>
    public bool SingleSignOn { get; init; }

    public static PortalUser From(SignInResponse session) =>
        new(session.User.UserName, session.User.DisplayName, session.User.IsAdmin, session.User.Teams, session.Token, session.ExpiresAt);

    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, UserName),
            new(DisplayNameClaim, DisplayName),
            new(AdminClaim, IsAdmin ? "true" : "false"),
            new(TokenClaim, ApiToken),
            new(ExpiresClaim, ApiTokenExpiresAt.ToString("O", CultureInfo.InvariantCulture)),
        };
        claims.AddRange(Teams.Select(team => new Claim(TeamClaim, team)));
        if (SingleSignOn) claims.Add(new Claim(SingleSignOnClaim, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    /// <summary>The user in <paramref name="principal"/>, or null when it is not a portal sign-in.</summary>
    public static PortalUser? FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var token = principal.FindFirstValue(TokenClaim);
        var userName = principal.FindFirstValue(ClaimTypes.Name);
        if (token is null || userName is null) return null;
        var expires = DateTimeOffset.TryParse(principal.FindFirstValue(ExpiresClaim), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : DateTimeOffset.MinValue;
        return new PortalUser(
            userName,
            principal.FindFirstValue(DisplayNameClaim) ?? userName,
            principal.FindFirstValue(AdminClaim) == "true",
            principal.FindAll(TeamClaim).Select(c => c.Value).ToList(),
            token,
            expires)
        {
            SingleSignOn = principal.FindFirstValue(SingleSignOnClaim) == "true",
        };
    }

    /// <summary>The API session ends at <see cref="ApiTokenExpiresAt"/>; the portal's sign-in ends with it.</summary>
    public bool IsExpired(DateTimeOffset now) => now >= ApiTokenExpiresAt;
}
