namespace Platform.Api.Features.Auth.Oidc;

/// <summary>An ID token that is not accepted; the message says why (never echoed with the token).</summary>
public sealed class OidcTokenException(string message) : Exception(message);
