using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Services;
using Platform.Data;
using Platform.Domain;

namespace Platform.Api.Tests;

/// <summary>Publishing components built elsewhere: immutable versions, digests, capability checks.</summary>
public sealed class RegistryTests(ApiFactory api) : ApiTest(api)
{
    private async Task<PlatformClient> AliceWithEmptyServiceAsync(string name = "edge-hello")
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest(name, "payments"));
        return alice;
    }

    [Fact]
    public async Task Publish_ComponentBuiltElsewhere_RecordsDigestImportsAndIsDownloadable()
    {
        var alice = await AliceWithEmptyServiceAsync();
        var published = await alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Hello, "name = \"edge-hello\"\n");

        Assert.Equal(Digest.Of(Components.Hello), published.Digest);
        Assert.Equal(Components.Hello.Length, published.Size);
        Assert.Equal("component", published.Executor);
        Assert.Contains("platform:edge/log@0.3.0", published.Imports);
        Assert.Contains("platform:edge/handler@0.3.0", published.Exports);
        Assert.Equal(Components.Hello, await alice.DownloadComponentAsync("edge-hello", "1.0.0"));
    }

    [Fact]
    public async Task Publish_SameVersionAgain_ConflictAndOriginalKept()
    {
        var alice = await AliceWithEmptyServiceAsync();
        await alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Hello, null);

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Counter,
            "name = \"edge-hello\"\n[capabilities]\nkey_value_stores = [\"default\"]\n"));
        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Equal(Components.Hello, await alice.DownloadComponentAsync("edge-hello", "1.0.0"));
    }

    [Fact]
    public async Task Publish_SameBytesTwice_BlobStoredOnce()
    {
        var alice = await AliceWithEmptyServiceAsync();
        await alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Hello, null);
        await alice.PublishVersionAsync("edge-hello", "1.0.1", Components.Hello, null);

        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(1, await db.Blobs.CountAsync());
        Assert.Equal(2, (await alice.VersionsAsync("edge-hello")).Count);
    }

    [Theory]
    [InlineData("1.0", "version")]
    [InlineData("v1.0.0", "version")]
    public async Task Publish_BadVersion_NamesVersionField(string version, string field)
    {
        var alice = await AliceWithEmptyServiceAsync();
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.PublishVersionAsync("edge-hello", version, Components.Hello, null));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(field, error.Problem.Errors!.Keys);
    }

    [Fact]
    public async Task Publish_NotWebAssembly_RefusedNamingComponent()
    {
        var alice = await AliceWithEmptyServiceAsync();
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.PublishVersionAsync("edge-hello", "1.0.0", "#!/bin/sh\necho hi\n"u8.ToArray(), null));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Contains("component", error.Problem.Errors!.Keys);
        Assert.Empty(await alice.VersionsAsync("edge-hello"));
    }

    [Fact]
    public async Task Publish_ImportNotDeclaredInManifest_RefusedNamingTheImport()
    {
        var alice = await AliceWithEmptyServiceAsync();
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Counter, null));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Contains("platform:edge/key-value@0.3.0", error.Problem.Detail);
        Assert.Empty(await alice.VersionsAsync("edge-hello"));
    }

    [Fact]
    public async Task Publish_ImportDeclaredInManifest_Accepted()
    {
        var alice = await AliceWithEmptyServiceAsync();
        var published = await alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Counter,
            "name = \"edge-hello\"\n[capabilities]\nkey_value_stores = [\"default\"]\n");
        Assert.Equal(["default"], published.KeyValueStores);
    }

    [Fact]
    public async Task Publish_ManifestNamesOtherService_RefusedNamingManifestName()
    {
        var alice = await AliceWithEmptyServiceAsync();
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Hello, "name = \"other\"\n"));
        Assert.Contains("manifest.name", error.Problem.Errors!.Keys);
    }

    [Fact]
    public async Task Publish_OtherTeamsService_Forbidden()
    {
        await AliceWithEmptyServiceAsync();
        var bob = await Api.SignInAsync("bob");
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => bob.PublishVersionAsync("edge-hello", "1.0.0", Components.Hello, null));
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
    }

    [Fact]
    public async Task Rollout_SecondWhileFirstActive_Conflict()
    {
        var alice = await AliceWithEmptyServiceAsync();
        await alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Hello, null);
        var first = await alice.StartRolloutAsync("edge-hello", "1.0.0");
        Assert.Equal("pending", first.Phase);

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.StartRolloutAsync("edge-hello", "1.0.0"));
        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Contains(first.Id.ToString(), error.Problem.Detail);
    }

    [Fact]
    public async Task Rollout_UnknownVersion_NamesVersionField()
    {
        var alice = await AliceWithEmptyServiceAsync();
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.StartRolloutAsync("edge-hello", "9.9.9"));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("version", error.Problem.Errors!.Keys);
    }
}
