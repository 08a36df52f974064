namespace Platform.Api.Features.Auth.Oidc;

/// <summary>Who a checked ID token says the person is.</summary>
public sealed record OidcIdentity(string Issuer, string Subject, string UserName, string DisplayName, string? Email, IReadOnlyList<string> Groups);
