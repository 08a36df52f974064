using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Services;
using Platform.Data;
using Platform.Domain.Builds;

namespace Platform.Api.Tests;

public sealed class ServiceCreationTests(ApiFactory api) : ApiTest(api)
{
    private static CreateServiceRequest Request(string name = "hello-api", string team = "payments", string? greeting = "Hello there") =>
        new(name, team, "http-json-c", null, "Says hello", new Dictionary<string, string?> { ["greeting"] = greeting });

    [Fact]
    public async Task Templates_List_ShowsSeededVettedTemplate()
    {
        var templates = await (await Api.SignInAsync("alice")).TemplatesAsync();
        var template = Assert.Single(templates, t => t.Name == "http-json-c");
        Assert.Equal("1.0.0", template.LatestVersion);
        Assert.Equal("platform", template.OwnerTeam);
    }

    [Fact]
    public async Task DryRun_RendersFilesWithParameters_CreatesNothing()
    {
        var alice = await Api.SignInAsync("alice");
        var preview = await alice.PreviewServiceAsync(Request());

        var main = Assert.Single(preview.Files, f => f.Path == "src/main.c");
        Assert.Contains("#define GREETING \"Hello there\"", main.Content);
        Assert.Contains(preview.Files, f => f.Path == "platform.toml" && f.Content.Contains("name = \"hello-api\""));
        Assert.Contains(preview.Files, f => f.Path == "platform/platform_edge.h");
        Assert.Empty(await alice.ServicesAsync());
    }

    [Fact]
    public async Task DryRun_NameTaken_NamesNameField()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(Request());
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.PreviewServiceAsync(Request()));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(["A service named 'hello-api' already exists."], error.Problem.Errors!["name"]);
    }

    [Theory]
    [InlineData("Hello_API", "payments", "Hi", "name")]
    [InlineData("hello-api", "nobody", "Hi", "team")]
    [InlineData("hello-api", "web", "Hi", "team")]
    [InlineData("hello-api", "payments", "say \"hi\"", "parameters.greeting")]
    public async Task Create_InvalidField_ValidationProblemNamesField_NothingCreated(string name, string team, string greeting, string field)
    {
        var alice = await Api.SignInAsync("alice");
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.CreateServiceAsync(Request(name, team, greeting)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(field, error.Problem.Errors!.Keys);
        Assert.Empty(await alice.ServicesAsync());
    }

    [Fact]
    public async Task Create_Valid_StoresServiceSourceAndQueuedBuild_AndAudits()
    {
        var alice = await Api.SignInAsync("alice");
        var created = await alice.CreateServiceAsync(Request());

        Assert.Equal("hello-api", created.Service.Name);
        Assert.Equal("/hello-api", created.Service.Route);
        Assert.Equal("http-json-c", created.Service.Template);
        Assert.Equal("1.0.0", created.Service.TemplateVersion);
        Assert.Equal("queued", created.Build!.Status);
        Assert.Equal("0.1.0", created.Build.Version);
        var source = await alice.SourceAsync("hello-api");
        Assert.Equal(1, source.Number);
        Assert.Contains(source.Files, f => f.Path == "src/main.c");

        var audit = await (await Api.SignInAsync("admin")).AuditAsync("service/hello-api");
        Assert.Contains(audit, e => e.Action == "service.create" && e.Actor == "user:alice");
        Assert.Contains(audit, e => e.Action == "build.queue");
    }

    [Fact]
    public async Task Create_SameRequestTwice_ReturnsFirstServiceWithoutSecondBuild()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(Request());
        var again = await alice.CreateServiceAsync(Request());

        Assert.Equal("hello-api", again.Service.Name);
        Assert.Null(again.Build);
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(1, await db.Services.CountAsync());
        Assert.Equal(1, await db.Builds.CountAsync(b => b.Status == BuildStatus.Queued));
    }

    [Fact]
    public async Task Create_NameTakenByAnotherTeam_Conflict()
    {
        await (await Api.SignInAsync("alice")).CreateServiceAsync(Request());
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => Api.SignInAsync("bob").Result.CreateServiceAsync(Request(team: "web")));
        Assert.Equal(HttpStatusCode.Conflict, error.Status);
    }

    [Fact]
    public async Task Rebuild_OtherTeamsService_Forbidden()
    {
        await (await Api.SignInAsync("alice")).CreateServiceAsync(Request());
        var bob = await Api.SignInAsync("bob");
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => bob.StartBuildAsync("hello-api"));
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
    }
}
