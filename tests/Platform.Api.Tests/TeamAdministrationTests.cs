using System.Net;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Identity;
using Platform.Contracts.Services;

namespace Platform.Api.Tests;

/// <summary>Platform admins create teams and manage the members of local accounts; membership is what lets people act.</summary>
public sealed class TeamAdministrationTests(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task CreateTeamAndAddBob_BobActsForItsServices_RemovedHeNoLongerDoes()
    {
        var admin = await Api.SignInAsync("admin");

        var created = await admin.CreateTeamAsync(new CreateTeamRequest("checkout", "Checkout squad"));
        await admin.AddTeamMemberAsync("checkout", "bob");
        await admin.AddTeamMemberAsync("checkout", "bob");
        var bob = await Api.SignInAsync("bob");
        var service = await bob.CreateServiceAsync(new CreateServiceRequest("basket", "checkout"));
        await admin.RemoveTeamMemberAsync("checkout", "bob");
        var removed = await Assert.ThrowsAsync<PlatformApiException>(async () => await (await Api.SignInAsync("bob")).CreateServiceAsync(new CreateServiceRequest("basket-2", "checkout")));

        Assert.Equal(("checkout", "Checkout squad"), (created.Name, created.DisplayName));
        Assert.Equal("basket", service.Service.Name);
        Assert.Equal(HttpStatusCode.BadRequest, removed.Status);
        Assert.Contains("team", removed.Problem.Errors!.Keys);
        Assert.Empty(Assert.Single(await admin.TeamsAsync(), t => t.Name == "checkout").Members);
        var audit = await admin.AuditAsync("team/checkout");
        Assert.Equal(["team.create", "team.member.add", "team.member.remove"], audit.Select(e => e.Action).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Bad Name", "Checkout", "name")]
    [InlineData("checkout", " ", "displayName")]
    public async Task CreateTeam_Invalid_NamesTheField(string name, string displayName, string field)
    {
        var error = await Assert.ThrowsAsync<PlatformApiException>(async () =>
            await (await Api.SignInAsync("admin")).CreateTeamAsync(new CreateTeamRequest(name, displayName)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(field, error.Problem.Errors!.Keys);
    }

    [Fact]
    public async Task CreateTeam_ByADeveloperOrTwice_Refused()
    {
        var admin = await Api.SignInAsync("admin");
        await admin.CreateTeamAsync(new CreateTeamRequest("checkout", "Checkout squad"));

        var twice = await Assert.ThrowsAsync<PlatformApiException>(() => admin.CreateTeamAsync(new CreateTeamRequest("checkout", "Again")));
        var developer = await Assert.ThrowsAsync<PlatformApiException>(async () =>
            await (await Api.SignInAsync("alice")).CreateTeamAsync(new CreateTeamRequest("mine", "Mine")));

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Forbidden), (twice.Status, developer.Status));
        Assert.DoesNotContain(await admin.TeamsAsync(), t => t.Name == "mine");
    }
}
