using Platform.Api.Infrastructure;

namespace Platform.Api.Features.Auth;

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/sessions", SignIn.Handle).AllowAnonymous().RequireRateLimiting(SignIn.RateLimitPolicy).WithTags("Auth").WithSummary("Sign in with a local account; returns a session token.");
        api.MapPost("/auth/sessions/oidc", Oidc.OidcSignIn.Handle).AllowAnonymous().RequireRateLimiting(SignIn.RateLimitPolicy).WithTags("Auth")
            .WithSummary("Sign in with an ID token from the organisation's OpenID Connect provider (the portal's single sign-on); returns a session token.");
        api.MapDelete("/auth/sessions/current", SignOut.Handle).RequireAuthorization(PlatformClaims.DeveloperPolicy).WithTags("Auth")
            .WithSummary("Sign out: revokes the session token this request carries.");
        api.MapGet("/me", Me.Handle).RequireAuthorization(PlatformClaims.DeveloperPolicy).WithTags("Auth");
        api.MapGet("/users", Users.List).RequireAuthorization(PlatformClaims.AdminPolicy).WithTags("Auth")
            .WithSummary("Everyone who can sign in: teams, admin role, password or single sign-on, last sign-in (platform admins).");
        api.MapPost("/users/{name}/deactivate", Users.Deactivate).RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy).WithTags("Auth")
            .WithSummary("Someone left: revoke every token they hold and refuse their sign-ins until reactivated (platform admins).");
        api.MapPost("/users/{name}/reactivate", Users.Reactivate).RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy).WithTags("Auth");
        var tokens = api.MapGroup("/tokens").WithTags("Auth").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        tokens.MapGet("/", Tokens.List);
        tokens.MapPost("/", Tokens.Create).RequireAuthorization(PlatformClaims.WriterPolicy);
        tokens.MapDelete("/{id:guid}", Tokens.Revoke).RequireAuthorization(PlatformClaims.WriterPolicy);
        return api;
    }
}
