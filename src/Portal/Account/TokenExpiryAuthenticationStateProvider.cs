using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Platform.Portal.Account;

/// <summary>
/// An open circuit outlives the request that signed it in: once a minute it checks that the API session token
/// is still valid, and when it is not the user becomes anonymous and the router sends them to sign in.
/// </summary>
public sealed class TokenExpiryAuthenticationStateProvider(ILoggerFactory loggers, TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = PortalUser.FromPrincipal(authenticationState.User ?? new ClaimsPrincipal());
        return Task.FromResult(user is not null && !user.IsExpired(clock.GetUtcNow()));
    }
}
