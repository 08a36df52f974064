namespace Platform.Api.Features.Auth.Oidc;

/// <summary>
/// People signing in through the organisation's OpenID Connect provider (section <c>Auth:Oidc</c>). The portal runs
/// the browser flow and hands the ID token to the API, which checks it against the provider's published keys.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Auth:Oidc";

    /// <summary>The issuer, e.g. https://login.example.com/realms/acme; its discovery document names the keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The portal's client id at the provider: the audience every accepted ID token names.</summary>
    public string? ClientId { get; set; }

    /// <summary>The claim listing the person's groups; a group named like a Platform team makes them a member.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Members of this group are platform admins.</summary>
    public string AdminGroup { get; set; } = "platform-admins";

    /// <summary>Refuse discovery over plain HTTP (turn off only for a provider on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>An ID token older than this is refused, so a leaked one cannot mint sessions for long.</summary>
    public int MaxTokenAgeMinutes { get; set; } = 10;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
