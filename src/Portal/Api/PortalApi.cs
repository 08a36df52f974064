using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Platform.Client;
using Platform.Portal.Account;

namespace Platform.Portal.Api;

/// <summary>
/// Gives components a <see cref="PlatformClient"/> that carries the signed-in user's API session token.
/// When the API answers 401 (the session expired or was revoked) the user is sent to sign in again.
/// </summary>
public sealed class PortalApi(IHttpClientFactory httpClients, AuthenticationStateProvider authentication, NavigationManager navigation)
{
    public async Task<PortalUser> UserAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return PortalUser.FromPrincipal(state.User)
            ?? throw new InvalidOperationException("The portal needs a signed-in user here.");
    }

    public async Task<T> CallAsync<T>(Func<PlatformClient, CancellationToken, Task<T>> call, CancellationToken ct = default)
    {
        var client = await ClientAsync();
        try
        {
            return await call(client, ct);
        }
        catch (PlatformApiException e) when (e.Status == HttpStatusCode.Unauthorized)
        {
            SendToSignIn();
            throw;
        }
    }

    public Task CallAsync(Func<PlatformClient, CancellationToken, Task> call, CancellationToken ct = default) =>
        CallAsync<bool>(async (client, token) => { await call(client, token); return true; }, ct);

    private async Task<PlatformClient> ClientAsync()
    {
        var user = await UserAsync();
        return new PlatformClient(httpClients.CreateClient(PlatformApiSetup.HttpClientName)).WithToken(user.ApiToken);
    }

    private void SendToSignIn()
    {
        var returnUrl = "/" + navigation.ToBaseRelativePath(navigation.Uri);
        navigation.NavigateTo($"signin?expired=true&returnUrl={Uri.EscapeDataString(returnUrl)}", forceLoad: true);
    }
}
