namespace Platform.Contracts.Identity;

/// <summary>An ID token from the organisation's OpenID Connect provider, issued to the portal's client.</summary>
public sealed record OidcSignInRequest(string IdToken);
