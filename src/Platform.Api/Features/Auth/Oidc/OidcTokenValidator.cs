using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Api.Features.Auth.Oidc;

/// <summary>
/// Checks an ID token the way the provider publishes it: signature by one of the keys in its discovery document
/// (fetched and cached; fetched again once when a token names an unknown key), issuer, audience = our client id,
/// not expired, and issued within <see cref="OidcOptions.MaxTokenAgeMinutes"/>.
/// </summary>
public sealed partial class OidcTokenValidator
{
    private readonly OidcOptions _options;
    private readonly TimeProvider _clock;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _discovery;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public OidcTokenValidator(IOptions<OidcOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        if (_options.IsConfigured)
        {
            _discovery = new ConfigurationManager<OpenIdConnectConfiguration>(
                _options.Authority!.TrimEnd('/') + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = _options.RequireHttpsMetadata });
        }
    }

    public bool IsConfigured => _discovery is not null;

    /// <exception cref="OidcTokenException">The token is not accepted.</exception>
    public async Task<OidcIdentity> ValidateAsync(string? idToken, CancellationToken ct)
    {
        if (_discovery is null) throw new InvalidOperationException("OpenID Connect is not configured.");
        if (string.IsNullOrWhiteSpace(idToken) || !_handler.CanReadToken(idToken)) throw new OidcTokenException("The ID token is not a JWT.");
        var result = await ValidateWithKeysAsync(idToken, ct);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The provider rolled its keys since we fetched them.
            _discovery.RequestRefresh();
            result = await ValidateWithKeysAsync(idToken, ct);
        }
        if (!result.IsValid) throw new OidcTokenException(Describe(result.Exception));
        var token = (JsonWebToken)result.SecurityToken;
        if (token.IssuedAt < _clock.GetUtcNow().UtcDateTime.AddMinutes(-_options.MaxTokenAgeMinutes))
            throw new OidcTokenException($"The ID token was issued more than {_options.MaxTokenAgeMinutes} minutes ago; sign in again.");
        if (string.IsNullOrEmpty(token.Subject)) throw new OidcTokenException("The ID token names no subject.");
        var userName = (Claim(token, "preferred_username") ?? Claim(token, "email") ?? token.Subject).ToLowerInvariant();
        if (!UserNameRegex().IsMatch(userName))
            throw new OidcTokenException($"The provider's user name '{userName}' is not usable here (1-64 letters, digits, '.', '_', '-', '@').");
        var groups = token.Claims.Where(c => c.Type == _options.GroupsClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        return new OidcIdentity(token.Issuer, token.Subject, userName, Claim(token, "name") ?? userName, Claim(token, "email"), groups);
    }

    private async Task<TokenValidationResult> ValidateWithKeysAsync(string idToken, CancellationToken ct)
    {
        var configuration = await _discovery!.GetConfigurationAsync(ct);
        return await _handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = _options.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        });
    }

    private static string? Claim(JsonWebToken token, string type) =>
        token.TryGetPayloadValue<string>(type, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static string Describe(Exception? error) => error switch
    {
        SecurityTokenExpiredException => "The ID token has expired.",
        SecurityTokenInvalidAudienceException => "The ID token was issued to another client.",
        SecurityTokenInvalidIssuerException => "The ID token comes from another issuer.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The ID token's signature does not match the provider's keys.",
        SecurityTokenNotYetValidException => "The ID token is not valid yet.",
        _ => "The ID token is not valid.",
    };

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._@-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserNameRegex();
}
