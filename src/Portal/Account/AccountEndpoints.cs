using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Platform.Client;
using Platform.Portal.Api;

namespace Platform.Portal.Account;

/// <summary>
/// POST /account/signin: checks the credentials with the API and keeps its session token in the encrypted cookie.
/// POST /account/signout: revokes the API session token and forgets the cookie. Both take the antiforgery token the forms carry.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapPost("/signin", SignInAsync).AllowAnonymous();
        account.MapGet("/signin/sso", SingleSignOn).AllowAnonymous();
        account.MapPost("/signout", SignOutAsync).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
        return app;
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] SignInForm form, HttpContext http, IHttpClientFactory httpClients, ILoggerFactory loggers, CancellationToken ct)
    {
        var returnUrl = LocalOrHome(form.ReturnUrl);
        if (string.IsNullOrWhiteSpace(form.UserName) || string.IsNullOrEmpty(form.Password))
            return BackToForm("credentials", form.UserName, returnUrl);
        try
        {
            // The API limits sign-in attempts per address: it must see the browser's, not the portal's.
            var api = new PlatformClient(httpClients.CreateClient(PlatformApiSetup.HttpClientName)).OnBehalfOf(http.Connection.RemoteIpAddress);
            var session = await api.SignInAsync(form.UserName.Trim(), form.Password, ct);
            var user = PortalUser.From(session);
            var properties = new AuthenticationProperties
            {
                ExpiresUtc = CookieExpiry(session.ExpiresAt),
                IsPersistent = false,
            };
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme), properties);
            return Results.LocalRedirect(returnUrl);
        }
        catch (PlatformApiException e) when (e.Status is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
        {
            return BackToForm("credentials", form.UserName, returnUrl);
        }
        catch (PlatformApiException e) when (e.Status is HttpStatusCode.TooManyRequests)
        {
            return BackToForm("locked", form.UserName, returnUrl);
        }
        catch (PlatformApiException e) when (e.Status is HttpStatusCode.Forbidden)
        {
            return BackToForm("deactivated", form.UserName, returnUrl);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or PlatformApiException)
        {
            loggers.CreateLogger(typeof(AccountEndpoints)).LogWarning(e, "Sign-in could not reach the Platform API");
            return BackToForm("unavailable", form.UserName, returnUrl);
        }
    }

    /// <summary>Starts single sign-on at the organisation's provider; it comes back to /signin-oidc, then to <paramref name="returnUrl"/>.</summary>
    private static IResult SingleSignOn(string? returnUrl, PortalOidcOptions oidc) =>
        oidc.IsConfigured
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) }, [PortalOidcOptions.Scheme])
            : Results.LocalRedirect("/signin");

    // The second parameter keeps the method from binding as a plain RequestDelegate (which would drop the result).
    private static async Task<IResult> SignOutAsync(HttpContext http, IHttpClientFactory httpClients, ILoggerFactory loggers, CancellationToken ct)
    {
        if (PortalUser.FromPrincipal(http.User) is { } user)
        {
            try
            {
                await new PlatformClient(httpClients.CreateClient(PlatformApiSetup.HttpClientName)).WithToken(user.ApiToken).SignOutAsync(ct);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or PlatformApiException)
            {
                loggers.CreateLogger(typeof(AccountEndpoints)).LogWarning(e, "Could not revoke the API session of {User}", user.UserName);
            }
        }
        if (PortalUser.FromPrincipal(http.User) is { SingleSignOn: true } && http.RequestServices.GetRequiredService<PortalOidcOptions>().IsConfigured
            && await PortalOidc.SignOutAtProviderAsync(http, "/signin?signedOut=true") is { } atProvider)
        {
            // The ID token hint is read from this request's cookie before the cookie is dropped.
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return atProvider;
        }
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/signin?signedOut=true");
    }

    private static IResult BackToForm(string error, string? userName, string returnUrl) =>
        Results.LocalRedirect($"/signin?error={error}&userName={Uri.EscapeDataString(userName?.Trim() ?? "")}&returnUrl={Uri.EscapeDataString(returnUrl)}");

    /// <summary>Only paths of this site; anything else (absolute or protocol-relative URLs) goes home.</summary>
    public static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    /// <summary>The cookie's own lifetime (8 h, sliding) capped by the API session's.</summary>
    internal static DateTimeOffset CookieExpiry(DateTimeOffset sessionExpiresAt) =>
        DateTimeOffset.UtcNow.AddHours(8) is var cookie && cookie < sessionExpiresAt ? cookie : sessionExpiresAt;
}
