using System.Net;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Identity;

namespace Platform.Api.Tests;

/// <summary>Someone leaves: an admin deactivates the account, every token dies at once, and no sign-in works until reactivated.</summary>
public sealed class UserAdministrationTests(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task Deactivate_RevokesEveryTokenAndRefusesSignIn_ReactivateLetsThemSignInAgain()
    {
        var alice = await Api.SignInAsync("alice");
        var ci = await alice.CreateTokenAsync(new CreateTokenRequest("ci", ["read"], 30));
        var admin = await Api.SignInAsync("admin");

        var deactivated = await admin.DeactivateUserAsync("alice");

        Assert.NotNull(deactivated.DeactivatedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<PlatformApiException>(() => alice.MeAsync())).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<PlatformApiException>(() => Api.Anonymous().WithToken(ci.Secret).MeAsync())).Status);
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Anonymous().SignInAsync("alice", "platform-demo"));
        Assert.Equal((HttpStatusCode.Forbidden, "Account deactivated"), (refused.Status, refused.Problem.Title));
        var entry = Assert.Single(await admin.AuditAsync("user/alice"), e => e.Action == "user.deactivate");
        Assert.Equal(("user:admin", "2"), (entry.Actor, entry.Details["revokedTokens"]));
        Assert.NotNull(Assert.Single(await admin.UsersAsync(), u => u.UserName == "alice").DeactivatedAt);

        await admin.ReactivateUserAsync("alice");

        Assert.Equal("alice", (await (await Api.SignInAsync("alice")).MeAsync()).UserName);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<PlatformApiException>(() => Api.Anonymous().WithToken(ci.Secret).MeAsync())).Status);
        Assert.Contains(await admin.AuditAsync("user/alice"), e => e.Action == "user.reactivate");
    }

    [Fact]
    public async Task Deactivate_ByADeveloper_Forbidden_AndAnAdminCannotLockThemselvesOut()
    {
        var bob = await Api.SignInAsync("bob");
        var admin = await Api.SignInAsync("admin");

        var developer = await Assert.ThrowsAsync<PlatformApiException>(() => bob.DeactivateUserAsync("alice"));
        var self = await Assert.ThrowsAsync<PlatformApiException>(() => admin.DeactivateUserAsync("admin"));
        var unknown = await Assert.ThrowsAsync<PlatformApiException>(() => admin.DeactivateUserAsync("nobody"));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Conflict, HttpStatusCode.NotFound), (developer.Status, self.Status, unknown.Status));
        Assert.All(await admin.UsersAsync(), u => Assert.Null(u.DeactivatedAt));
    }
}
