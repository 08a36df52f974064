using Microsoft.AspNetCore.Components.Authorization;
using Platform.Portal.Account;

namespace Platform.Portal.Tests.Support;

/// <summary>The portal's own claims for a signed-in user, as the sign-in endpoint writes them into the cookie.</summary>
internal sealed class SignedInUser(PortalUser user) : AuthenticationStateProvider
{
    public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
        Task.FromResult(new AuthenticationState(user.ToPrincipal("test")));
}
