using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Platform.Portal.Account;

/// <summary>Keeps the portal cookie from outliving the API session token it carries.</summary>
public sealed class PortalCookieEvents(TimeProvider clock) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var user = context.Principal is null ? null : PortalUser.FromPrincipal(context.Principal);
        if (user is null || user.IsExpired(clock.GetUtcNow()))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }

    public override Task CheckSlidingExpiration(CookieSlidingExpirationContext context)
    {
        // A renewed cookie would expire now + ElapsedTime + RemainingTime; never renew past the API token's expiry.
        var user = PortalUser.FromPrincipal(context.Principal!);
        var renewedUntil = clock.GetUtcNow() + context.Options.ExpireTimeSpan;
        if (user is null || renewedUntil > user.ApiTokenExpiresAt) context.ShouldRenew = false;
        return Task.CompletedTask;
    }
}
