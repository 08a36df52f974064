using System.Net;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Identity;

namespace Platform.Api.Tests;

public sealed class AuthTests(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task SignIn_WrongPassword_Returns401Problem()
    {
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Anonymous().SignInAsync("alice", "nope"));
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal("The user name or password is wrong.", error.Problem.Detail);
    }

    [Fact]
    public async Task SignIn_TooManyAttempts_429ProblemEvenWithTheRightPassword()
    {
        using var strict = Api.WithSettings(("Auth:SignInAttemptsPerMinute", "3"));
        var client = new PlatformClient(strict.CreateClient());
        for (var i = 0; i < 3; i++)
            await Assert.ThrowsAsync<PlatformApiException>(() => client.SignInAsync("alice", "guess-" + i));

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => client.SignInAsync("alice", "platform-demo"));
        Assert.Equal(HttpStatusCode.TooManyRequests, error.Status);
        Assert.Equal("Too many sign-in attempts", error.Problem.Title);
    }

    [Fact]
    public async Task SignIn_ForwardedByTheTrustedPortal_LimitAndAuditSeeEachPersonsAddress()
    {
        using var strict = Api.WithSettings(("Auth:SignInAttemptsPerMinute", "3"));
        var guesser = new PlatformClient(strict.CreateClient()).OnBehalfOf(IPAddress.Parse("203.0.113.7"));
        for (var i = 0; i < 3; i++)
            await Assert.ThrowsAsync<PlatformApiException>(() => guesser.SignInAsync("nobody-" + i, "guess"));

        var blocked = await Assert.ThrowsAsync<PlatformApiException>(() => guesser.SignInAsync("alice", "platform-demo"));
        var alice = await new PlatformClient(strict.CreateClient()).OnBehalfOf(IPAddress.Parse("203.0.113.8")).SignInAsync("alice", "platform-demo");

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.Status);
        Assert.Equal("alice", alice.User.UserName);
        var audit = await (await Api.SignInAsync("admin")).AuditAsync("user/alice");
        Assert.Contains(audit, e => e.Action == "auth.sign-in" && e.Details.GetValueOrDefault("address") == "203.0.113.8");
        Assert.Contains(await (await Api.SignInAsync("admin")).AuditAsync("user/nobody-0"),
            e => e.Action == "auth.sign-in.failed" && e.Details.GetValueOrDefault("address") == "203.0.113.7");
    }

    [Fact]
    public async Task SignIn_TenWrongPasswordsForOneAccount_AccountLockedOthersNot()
    {
        var client = Api.Anonymous();
        for (var i = 0; i < 10; i++)
            await Assert.ThrowsAsync<PlatformApiException>(() => client.SignInAsync("alice", "guess-" + i));

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => client.SignInAsync("alice", "platform-demo"));
        Assert.Equal(HttpStatusCode.TooManyRequests, error.Status);
        Assert.Equal("Account temporarily locked", error.Problem.Title);
        Assert.Equal("bob", (await client.SignInAsync("bob", "platform-demo")).User.UserName);
    }

    [Fact]
    public async Task SignIn_DemoDeveloper_TokenIdentifiesUserAndTeams()
    {
        var me = await (await Api.SignInAsync("alice")).MeAsync();
        Assert.Equal("alice", me.UserName);
        Assert.False(me.IsAdmin);
        Assert.Equal(["payments"], me.Teams);
    }

    [Fact]
    public async Task SignOut_Session_TokenNoLongerAccepted()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.SignOutAsync();
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
    }

    [Fact]
    public async Task AnyEndpoint_NoToken_Returns401()
    {
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Anonymous().ServicesAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
    }

    [Fact]
    public async Task PersonalToken_ReadScopeOnly_CanReadButNotWrite()
    {
        var alice = await Api.SignInAsync("alice");
        var created = await alice.CreateTokenAsync(new CreateTokenRequest("ci-read", ["read"], 30));
        var automation = Api.Anonymous().WithToken(created.Secret);

        Assert.NotEmpty(await automation.TemplatesAsync());
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => automation.CreateTokenAsync(new CreateTokenRequest("x", ["read"])));
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
    }

    [Fact]
    public async Task PersonalToken_CannotMintAnotherToken()
    {
        var alice = await Api.SignInAsync("alice");
        var created = await alice.CreateTokenAsync(new CreateTokenRequest("ci", ["read", "write"], 1));
        var automation = Api.Anonymous().WithToken(created.Secret);

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => automation.CreateTokenAsync(new CreateTokenRequest("longer", ["read", "write"], 366)));
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Single(await alice.TokensAsync());
    }

    [Fact]
    public async Task PersonalToken_Revoked_IsRefusedAndListedAsRevoked()
    {
        var alice = await Api.SignInAsync("alice");
        var created = await alice.CreateTokenAsync(new CreateTokenRequest("ci-deploy", ["read", "write"], 30));
        Assert.StartsWith("plat_", created.Secret);
        await alice.RevokeTokenAsync(created.Token.Id);

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Anonymous().WithToken(created.Secret).MeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.True((await alice.TokensAsync()).Single(t => t.Id == created.Token.Id).Revoked);
    }

    [Fact]
    public async Task CreateToken_UnknownScope_NamesScopesField()
    {
        var alice = await Api.SignInAsync("alice");
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.CreateTokenAsync(new CreateTokenRequest("x", ["admin"])));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Contains("scopes", error.Problem.Errors!.Keys);
        Assert.Empty(await alice.TokensAsync());
    }

    [Fact]
    public async Task Audit_Developer_IsForbidden_AdminSeesSignIns()
    {
        var alice = await Api.SignInAsync("alice");
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.AuditAsync());
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);

        var entries = await (await Api.SignInAsync("admin")).AuditAsync("user/alice");
        Assert.Contains(entries, e => e.Action == "auth.sign-in" && e.Actor == "user:alice");
    }
}
