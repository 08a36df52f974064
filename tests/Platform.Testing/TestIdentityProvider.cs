using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Testing;

/// <summary>
/// A real OpenID Connect provider on a loopback port, for tests: discovery, keys, an authorization endpoint that
/// signs in <see cref="SignedIn"/> without a form (code flow with PKCE, answered with a self-posting form or a
/// redirect as asked), a token endpoint that checks the code verifier and returns an RS256 ID token, and an
/// end-session endpoint that records whose session a relying party ended.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key-1" };
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new();

    private TestIdentityProvider(WebApplication app) => _app = app;

    /// <summary>The issuer (and authority) URL, e.g. http://127.0.0.1:41234.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The subjects whose sessions were ended at the end-session endpoint (from the ID token hint).</summary>
    public ConcurrentQueue<string> SignedOut { get; } = new();

    /// <summary>Who the next authorization request signs in.</summary>
    public TestPerson SignedIn { get; set; } = new("sub-carol", "carol", "Carol Cloud", "carol@example.com", ["payments"]);

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var provider = new TestIdentityProvider(builder.Build());
        provider.Map();
        await provider._app.StartAsync();
        provider.Issuer = provider._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return provider;
    }

    /// <summary>An ID token for <paramref name="person"/> as this provider would issue it (or skewed, for negative tests).</summary>
    public string IssueIdToken(TestPerson person, string audience, DateTime? issuedAt = null, TimeSpan? lifetime = null, string? nonce = null, bool foreignKey = false)
    {
        var iat = issuedAt ?? DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = person.Subject,
            ["preferred_username"] = person.UserName,
            ["name"] = person.Name,
            ["email"] = person.Email,
            ["groups"] = person.Groups.ToArray(),
        };
        if (nonce is not null) claims["nonce"] = nonce;
        var key = foreignKey ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = _key.KeyId } : _key;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = iat,
            NotBefore = iat,
            Expires = iat + (lifetime ?? TimeSpan.FromMinutes(5)),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map()
    {
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["end_session_endpoint"] = $"{Issuer}/logout",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_key);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        _app.MapGet("/authorize", Authorize);
        _app.MapPost("/token", TokenAsync);
        _app.MapGet("/logout", (HttpRequest request) =>
        {
            if (request.Query["id_token_hint"].ToString() is { Length: > 0 } hint) SignedOut.Enqueue(new JsonWebToken(hint).Subject);
            var back = request.Query["post_logout_redirect_uri"].ToString();
            return string.IsNullOrEmpty(back)
                ? Results.Text("signed out")
                : Results.Redirect($"{back}?state={Uri.EscapeDataString(request.Query["state"].ToString())}");
        });
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        string? redirect = query["redirect_uri"], state = query["state"];
        if (query["response_type"] != "code" || string.IsNullOrEmpty(redirect) || string.IsNullOrEmpty(query["code_challenge"]))
            return Results.BadRequest("code flow with PKCE only");
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new PendingCode(query["client_id"]!, redirect, query["nonce"], query["code_challenge"]!, SignedIn);
        if (query["response_mode"] == "form_post")
        {
            var html = $"""
                <html><body onload="document.forms[0].submit()"><form method="post" action="{WebUtility.HtmlEncode(redirect)}">
                <input type="hidden" name="code" value="{code}"/><input type="hidden" name="state" value="{WebUtility.HtmlEncode(state)}"/>
                </form></body></html>
                """;
            return Results.Content(html, "text/html");
        }
        return Results.Redirect($"{redirect}?code={code}&state={Uri.EscapeDataString(state ?? "")}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var pending))
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        var verifier = form["code_verifier"].ToString();
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (challenge != pending.CodeChallenge || form["redirect_uri"] != pending.RedirectUri)
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = IssueIdToken(pending.Person, pending.ClientId, nonce: pending.Nonce),
        });
    }

    private sealed record PendingCode(string ClientId, string RedirectUri, string? Nonce, string CodeChallenge, TestPerson Person);
}
