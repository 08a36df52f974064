namespace Platform.Portal.Account;

/// <summary>
/// Single sign-on through the organisation's OpenID Connect provider (section <c>Auth:Oidc</c>, shared with the
/// API, which checks the ID token again). Without an authority the portal offers local accounts only.
/// </summary>
public sealed class PortalOidcOptions
{
    public const string Section = "Auth:Oidc";
    public const string Scheme = "oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }

    /// <summary>For a confidential client; a public client uses PKCE alone.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The button says "Sign in with …".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>Scopes beyond openid and profile, e.g. "email groups".</summary>
    public string Scopes { get; set; } = "email";

    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
