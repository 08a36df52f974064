using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Platform.Client;
using Platform.Portal.Api;

namespace Platform.Portal.Account;

/// <summary>
/// The browser side of single sign-on: authorization code flow with PKCE against the organisation's provider;
/// the ID token it returns is exchanged with the API for a Platform session, which the portal's cookie keeps
/// exactly like a local sign-in. The API, not the portal, decides who the person is and which teams they are in.
/// </summary>
public static class PortalOidc
{
    public static AuthenticationBuilder AddPortalOidc(this AuthenticationBuilder authentication, PortalOidcOptions oidc) =>
        authentication.AddOpenIdConnect(PortalOidcOptions.Scheme, oidc.DisplayName, options =>
        {
            options.Authority = oidc.Authority;
            options.ClientId = oidc.ClientId;
            options.ClientSecret = oidc.ClientSecret;
            options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            options.ResponseType = "code";
            options.UsePkce = true;
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.CallbackPath = "/signin-oidc";
            options.MapInboundClaims = false;
            // The ID token is kept (encrypted in the cookie) as the hint for ending the provider's session at sign-out.
            options.SaveTokens = true;
            options.SignedOutCallbackPath = "/signout-callback-oidc";
            foreach (var scope in oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) options.Scope.Add(scope);
            options.Events.OnTokenValidated = ExchangeForSessionAsync;
            options.Events.OnRemoteFailure = context =>
            {
                var error = context.Failure?.Data["platform:error"] as string ?? "sso";
                context.Response.Redirect($"/signin?error={error}");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });

    /// <summary>
    /// Ends the provider's session too (RP-initiated logout) when its discovery document names an end-session
    /// endpoint; the provider then sends the browser back to <paramref name="afterwards"/>.
    /// </summary>
    public static async Task<IResult?> SignOutAtProviderAsync(HttpContext http, string afterwards)
    {
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OpenIdConnectOptions>>().Get(PortalOidcOptions.Scheme);
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
            if (string.IsNullOrEmpty(configuration.EndSessionEndpoint)) return null;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
        {
            return null;
        }
        return Results.SignOut(new AuthenticationProperties { RedirectUri = afterwards }, [PortalOidcOptions.Scheme]);
    }

    private static async Task ExchangeForSessionAsync(TokenValidatedContext context)
    {
        var idToken = context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage?.IdToken;
        if (string.IsNullOrEmpty(idToken))
        {
            context.Fail("The provider returned no ID token.");
            return;
        }
        var http = context.HttpContext;
        var clients = http.RequestServices.GetRequiredService<IHttpClientFactory>();
        try
        {
            var session = await new PlatformClient(clients.CreateClient(PlatformApiSetup.HttpClientName))
                .OnBehalfOf(http.Connection.RemoteIpAddress).SignInWithOidcAsync(idToken, http.RequestAborted);
            context.Principal = (PortalUser.From(session) with { SingleSignOn = true }).ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme);
            context.Properties!.ExpiresUtc = AccountEndpoints.CookieExpiry(session.ExpiresAt);
            context.Properties.IsPersistent = false;
        }
        catch (Exception e) when (e is PlatformApiException or HttpRequestException or TaskCanceledException)
        {
            var failure = new AuthenticationFailureException("The Platform API did not accept the sign-in.", e);
            failure.Data["platform:error"] = e switch
            {
                PlatformApiException { Status: HttpStatusCode.Conflict } => "sso-taken",
                PlatformApiException { Status: HttpStatusCode.TooManyRequests } => "locked",
                PlatformApiException { Status: HttpStatusCode.Forbidden } => "deactivated",
                PlatformApiException => "sso",
                _ => "unavailable",
            };
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalOidc))
                .LogWarning(e, "Single sign-on: the Platform API refused or did not answer");
            context.Fail(failure);
        }
    }
}
