using System.Net;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Testing;

namespace Platform.Api.Tests;

/// <summary>Single sign-on: ID tokens from a real OpenID Connect provider on loopback, exchanged for sessions.</summary>
public sealed class OidcSignInTests(ApiFactory api) : ApiTest(api), IAsyncLifetime
{
    private const string ClientId = "platform-portal";
    private static readonly TestPerson Carol = new("sub-carol", "carol", "Carol Cloud", "carol@example.com", ["payments", "not-a-team"]);
    private TestIdentityProvider _provider = null!;
    private ApiVariant _sso = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Api.Database.ResetAsync();
        _provider = await TestIdentityProvider.StartAsync();
        _sso = Api.WithSettings(("Auth:Oidc:Authority", _provider.Issuer), ("Auth:Oidc:ClientId", ClientId), ("Auth:Oidc:RequireHttpsMetadata", "false"));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _sso.DisposeAsync();
        await _provider.DisposeAsync();
    }

    private PlatformClient Client() => new(_sso.CreateClient());

    [Fact]
    public async Task SignIn_FirstTime_ProvisionsThePersonWithTheTeamsTheirGroupsName()
    {
        var session = await Client().SignInWithOidcAsync(_provider.IssueIdToken(Carol, ClientId));

        Assert.Equal(("carol", "Carol Cloud", false), (session.User.UserName, session.User.DisplayName, session.User.IsAdmin));
        Assert.Equal(["payments"], session.User.Teams);
        Assert.Equal("carol", (await Client().WithToken(session.Token).MeAsync()).UserName);
        var audit = await (await Api.SignInAsync("admin")).AuditAsync("user/carol");
        Assert.Contains(audit, e => e.Action == "user.provision" && e.Details["issuer"] == _provider.Issuer);
        Assert.Contains(audit, e => e.Action == "auth.sign-in" && e.Details["method"] == "oidc" && e.Details["teams"] == "payments");
    }

    [Fact]
    public async Task Users_AdminsSeeWhoSignsInHowAndWhen_DevelopersMayNot()
    {
        await Client().SignInWithOidcAsync(_provider.IssueIdToken(Carol, ClientId));
        var admin = await Api.SignInAsync("admin");

        var people = await admin.UsersAsync();
        var refused = await Assert.ThrowsAsync<PlatformApiException>(async () => await (await Api.SignInAsync("alice")).UsersAsync());

        var carol = Assert.Single(people, u => u.UserName == "carol");
        Assert.Equal(("sso", "carol@example.com", false), (carol.SignsInWith, carol.Email, carol.IsAdmin));
        Assert.NotNull(carol.LastSignInAt);
        Assert.Equal("password", Assert.Single(people, u => u.UserName == "alice").SignsInWith);
        Assert.Null(Assert.Single(people, u => u.UserName == "bob").LastSignInAt);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
    }

    [Fact]
    public async Task SignIn_AgainWithOtherGroups_TeamsAndAdminRoleFollowTheProvider()
    {
        await Client().SignInWithOidcAsync(_provider.IssueIdToken(Carol, ClientId));

        var again = await Client().SignInWithOidcAsync(_provider.IssueIdToken(Carol with { Name = "Carol C.", Groups = ["web", "platform-admins"] }, ClientId));

        Assert.Equal(("carol", "Carol C.", true), (again.User.UserName, again.User.DisplayName, again.User.IsAdmin));
        Assert.Equal(["web"], again.User.Teams);
        Assert.Single(await (await Api.SignInAsync("admin")).AuditAsync("user/carol"), e => e.Action == "user.provision");
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "audience", "issued to another client" },
        { "expired", "has expired" },
        { "old", "issued more than 10 minutes ago" },
        { "signature", "signature does not match" },
        { "garbage", "not a JWT" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task SignIn_TokenNotAccepted_401SaysWhyAndCreatesNobody(string fault, string reason)
    {
        var now = DateTime.UtcNow;
        var token = fault switch
        {
            "audience" => _provider.IssueIdToken(Carol, "someone-else"),
            "expired" => _provider.IssueIdToken(Carol, ClientId, issuedAt: now.AddMinutes(-9), lifetime: TimeSpan.FromMinutes(5)),
            "old" => _provider.IssueIdToken(Carol, ClientId, issuedAt: now.AddMinutes(-15), lifetime: TimeSpan.FromHours(1)),
            "signature" => _provider.IssueIdToken(Carol, ClientId, foreignKey: true),
            _ => "not-a-token",
        };

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => Client().SignInWithOidcAsync(token));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains(reason, error.Problem.Detail);
        var admin = await Api.SignInAsync("admin");
        Assert.Empty(await admin.AuditAsync("user/carol"));
        Assert.Contains(await admin.AuditAsync("auth/oidc"), e => e.Action == "auth.sign-in.failed" && e.Details["reason"].Contains(reason));
    }

    [Fact]
    public async Task SignIn_DeactivatedPerson_403EvenWithAValidToken()
    {
        await Client().SignInWithOidcAsync(_provider.IssueIdToken(Carol, ClientId));
        await (await Api.SignInAsync("admin")).DeactivateUserAsync("carol");

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => Client().SignInWithOidcAsync(_provider.IssueIdToken(Carol, ClientId)));

        Assert.Equal((HttpStatusCode.Forbidden, "Account deactivated"), (error.Status, error.Problem.Title));
    }

    [Fact]
    public async Task TeamMembers_OfAPersonFromTheProvider_NotEditedHere409()
    {
        await Client().SignInWithOidcAsync(_provider.IssueIdToken(Carol, ClientId));

        var error = await Assert.ThrowsAsync<PlatformApiException>(async () => await (await Api.SignInAsync("admin")).AddTeamMemberAsync("web", "carol"));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Contains("change their groups there", error.Problem.Detail);
    }

    [Fact]
    public async Task SignIn_NameOfALocalAccount_409AndTheAccountIsNotTakenOver()
    {
        var error = await Assert.ThrowsAsync<PlatformApiException>(() =>
            Client().SignInWithOidcAsync(_provider.IssueIdToken(Carol with { Subject = "sub-other", UserName = "alice" }, ClientId)));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        var alice = await (await Api.SignInAsync("alice")).MeAsync();
        Assert.Equal(["payments"], alice.Teams);
    }

    [Fact]
    public async Task SignIn_WithoutSingleSignOnConfigured_404()
    {
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Anonymous().SignInWithOidcAsync(_provider.IssueIdToken(Carol, ClientId)));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal("Single sign-on is not configured", error.Problem.Title);
    }
}
