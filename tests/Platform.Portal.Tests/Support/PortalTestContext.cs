using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Platform.Portal.Account;
using Platform.Portal.Api;

namespace Platform.Portal.Tests.Support;

/// <summary>
/// A bUnit context set up like the portal: MudBlazor services, loose JS interop, a signed-in user and
/// <see cref="PortalApi"/> talking HTTP to <see cref="Api"/>.
/// </summary>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    internal const string ApiToken = "plat_test-session-token";

    private protected PortalTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // bUnit's default of one second is too short when the machine is busy (CI runs test projects beside builds).
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        Services.AddMudServices();
        var user = new PortalUser("alice", "Alice Developer", false, ["payments"], ApiToken, DateTimeOffset.UtcNow.AddHours(1));
        Services.AddSingleton<AuthenticationStateProvider>(new SignedInUser(user));
        Services.AddHttpClient(PlatformApiSetup.HttpClientName, http => http.BaseAddress = new Uri("http://api.test/"))
            .ConfigurePrimaryHttpMessageHandler(() => Api);
        Services.AddScoped<PortalApi>();
    }

    internal ScriptedApi Api { get; } = new();

    /// <summary>Signs in someone else than alice (a developer in team payments) before the first render.</summary>
    private protected void SignInAs(string userName, bool isAdmin, params string[] teams) =>
        Services.AddSingleton<AuthenticationStateProvider>(new SignedInUser(
            new PortalUser(userName, userName, isAdmin, teams, ApiToken, DateTimeOffset.UtcNow.AddHours(1))));

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that only dispose asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
