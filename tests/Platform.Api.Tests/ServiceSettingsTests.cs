using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Identity;
using Platform.Contracts.Services;
using Platform.Data;

namespace Platform.Api.Tests;

/// <summary>PATCH /services/{name}: the owners decide whether a successful build deploys itself.</summary>
public sealed class ServiceSettingsTests(ApiFactory api) : ApiTest(api)
{
    private async Task<PlatformClient> AliceWithServiceAsync()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("hello-api", "payments", "http-json-c", null, "Says hello",
            new Dictionary<string, string?> { ["greeting"] = "Hello there" }));
        return alice;
    }

    [Fact]
    public async Task Patch_DeployOnBuildOff_ShownAudited_AndTheNextBuildDoesNotDeploy()
    {
        var alice = await AliceWithServiceAsync();
        Assert.True((await alice.ServiceAsync("hello-api")).DeployOnBuild);

        var updated = await alice.UpdateServiceAsync("hello-api", new UpdateServiceRequest(DeployOnBuild: false));

        Assert.False(updated.DeployOnBuild);
        Assert.False((await alice.ServiceAsync("hello-api")).DeployOnBuild);
        var audit = await (await Api.SignInAsync("admin")).AuditAsync("service/hello-api");
        var entry = Assert.Single(audit, e => e.Action == "service.update");
        Assert.Equal("false", entry.Details["deployOnBuild"]);
        Assert.Equal("user:alice", entry.Actor);

        var build = await alice.StartBuildAsync("hello-api");
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.False((await db.Builds.SingleAsync(b => b.Id == build.Id)).DeployOnSuccess);
    }

    [Fact]
    public async Task Patch_SameValue_ChangesNothing_WritesNoAuditEntry()
    {
        var alice = await AliceWithServiceAsync();
        Assert.True((await alice.UpdateServiceAsync("hello-api", new UpdateServiceRequest(DeployOnBuild: true))).DeployOnBuild);
        var audit = await (await Api.SignInAsync("admin")).AuditAsync("service/hello-api");
        Assert.DoesNotContain(audit, e => e.Action == "service.update");
    }

    [Fact]
    public async Task Patch_NothingToChange_ValidationProblemNamesTheField()
    {
        var alice = await AliceWithServiceAsync();
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.UpdateServiceAsync("hello-api", new UpdateServiceRequest()));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("deployOnBuild", error.Problem.Errors!.Keys);
    }

    [Fact]
    public async Task Patch_NotABoolean_BadRequestProblem_ValueUnchanged()
    {
        var alice = await AliceWithServiceAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, "api/v1/services/hello-api")
        {
            Content = new StringContent("""{"deployOnBuild":"sometimes"}""", Encoding.UTF8, "application/json"),
        };
        using var response = await alice.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await alice.ServiceAsync("hello-api")).DeployOnBuild);
    }

    [Fact]
    public async Task Patch_OtherTeamsService_Forbidden_ValueUnchanged()
    {
        await AliceWithServiceAsync();
        var bob = await Api.SignInAsync("bob");
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => bob.UpdateServiceAsync("hello-api", new UpdateServiceRequest(false)));
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.True((await bob.ServiceAsync("hello-api")).DeployOnBuild);
    }

    [Fact]
    public async Task Patch_ReadOnlyToken_Forbidden()
    {
        var alice = await AliceWithServiceAsync();
        var token = await alice.CreateTokenAsync(new CreateTokenRequest("read-only", ["read"], 7));
        var reader = Api.Anonymous().WithToken(token.Secret);
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => reader.UpdateServiceAsync("hello-api", new UpdateServiceRequest(false)));
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.True((await alice.ServiceAsync("hello-api")).DeployOnBuild);
    }
}
