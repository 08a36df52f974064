using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Nodes;
using Platform.Contracts.Services;
using Platform.Data;
using Platform.Testing;

namespace Platform.Api.Tests;

/// <summary>Per-service quotas: platform defaults, admins' overrides, and the queued-builds quota enforced on every path to a build.</summary>
public sealed class ServiceQuotaTests(ApiFactory api) : ApiTest(api)
{
    private static readonly CreateServiceRequest Hello =
        new("hello-api", "payments", "http-json-c", null, "Says hello", new Dictionary<string, string?> { ["greeting"] = "Hello there" });

    [Fact]
    public async Task Get_NoOverrides_ShowsPlatformDefaults()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(Hello);

        var quotas = await alice.ServiceQuotasAsync("hello-api");

        Assert.Equal(new ServiceQuotasDto(64L << 20, 3, 32, null, null, null), quotas);
    }

    [Fact]
    public async Task Put_Developer_Forbidden_NothingChanged()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(Hello);

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.SetServiceQuotasAsync("hello-api", new SetServiceQuotasRequest(QueuedBuilds: 50)));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Null((await alice.ServiceQuotasAsync("hello-api")).QueuedBuildsOverride);
    }

    [Fact]
    public async Task Put_OutOfRange_ValidationProblemNamesEveryField()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(Hello);
        var admin = await Api.SignInAsync("admin");

        var error = await Assert.ThrowsAsync<PlatformApiException>(() =>
            admin.SetServiceQuotasAsync("hello-api", new SetServiceQuotasRequest(KeyValueBytes: -1, QueuedBuilds: 101, MaxInstances: 0)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(["keyValueBytes", "maxInstances", "queuedBuilds"], error.Problem.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, (await alice.ServiceQuotasAsync("hello-api")).QueuedBuilds);
    }

    [Fact]
    public async Task Put_Admin_AuditedShownAndDeliveredInDesiredState()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("edge-hello", "payments"));
        await alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Hello, "name = \"edge-hello\"\n[limits]\nmax_instances = 3\n");
        await Api.DeployAsync("edge-hello", "1.0.0");
        var admin = await Api.SignInAsync("admin");

        var set = await admin.SetServiceQuotasAsync("edge-hello", new SetServiceQuotasRequest(KeyValueBytes: 4096, MaxInstances: 2));

        Assert.Equal(new ServiceQuotasDto(4096, 3, 2, 4096, null, 2), set);
        Assert.Equal(set, await alice.ServiceQuotasAsync("edge-hello"));
        var entry = Assert.Single(await admin.AuditAsync("service/edge-hello"), e => e.Action == "service.quotas");
        Assert.Equal(("user:admin", "4096", "default", "2"),
            (entry.Actor, entry.Details["keyValueBytes"], entry.Details["queuedBuilds"], entry.Details["maxInstances"]));
        var limits = Assert.Single(Assert.Single((await DesiredStateAsync("edge-quota-1")).Services).Versions).Limits;
        Assert.Equal((2, 4096L), (limits.MaxInstances, limits.KeyValueBytes));

        await admin.SetServiceQuotasAsync("edge-hello", new SetServiceQuotasRequest(MaxInstances: 10));
        var raised = Assert.Single(Assert.Single((await DesiredStateAsync("edge-quota-2")).Services).Versions).Limits;
        Assert.Equal((3, 64L << 20), (raised.MaxInstances, raised.KeyValueBytes));
    }

    [Fact]
    public async Task StartBuild_QueueAtQuota_429NamesTheQuota_NothingQueued()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(Hello);
        await (await Api.SignInAsync("admin")).SetServiceQuotasAsync("hello-api", new SetServiceQuotasRequest(QueuedBuilds: 2));
        await alice.StartBuildAsync("hello-api");

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.StartBuildAsync("hello-api"));

        Assert.Equal((HttpStatusCode)429, error.Status);
        Assert.Contains("its quota of queued builds is 2", error.Problem.Detail);
        Assert.Contains("queuedBuilds", error.Problem.Errors!.Keys);
        Assert.Equal(2, (await alice.BuildsAsync("hello-api")).Count);
        Assert.Equal(2, await QueuedJobsAsync());
    }

    [Fact]
    public async Task Push_QueueAtQuota_RevisionRecordedBuildRefusedAndAudited()
    {
        var alice = await GitAccess.SignInAsync(Api, "alice");
        await alice.Client.CreateServiceAsync(Hello);
        await (await Api.SignInAsync("admin")).SetServiceQuotasAsync("hello-api", new SetServiceQuotasRequest(QueuedBuilds: 1));
        using var git = new GitCli();
        Assert.Equal(0, (await git.CloneAsync(alice.UrlOf(Api, "hello-api"))).ExitCode);
        await git.CommitAsync("README.md", "a change\n", "Change while a build waits");

        var (code, output) = await git.RunAsync("push", "origin", "main");

        Assert.True(code == 0, output);
        Assert.Equal(2, (await alice.Client.RepositoryAsync("hello-api")).Revisions.Count);
        Assert.Single(await alice.Client.BuildsAsync("hello-api"));
        var refused = Assert.Single(await (await Api.SignInAsync("admin")).AuditAsync("service/hello-api"), e => e.Action == "build.refused");
        Assert.Equal(("2", "queuedBuilds"), (refused.Details["revision"], refused.Details["quota"]));
    }

    private async Task<NodeDesiredStateDto> DesiredStateAsync(string nodeName)
    {
        using var http = Api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.EnrolmentToken);
        var enrolled = await http.PostAsJsonAsync("/api/v1/nodes/enrol", new EnrolNodeRequest(nodeName, "eu-west", "http://127.0.0.1:9999"));
        var node = (await enrolled.Content.ReadFromJsonAsync<EnrolNodeResponse>())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.NodeToken);
        return (await http.GetFromJsonAsync<NodeDesiredStateDto>($"/api/v1/nodes/{node.NodeId}/desired-state"))!;
    }

    private async Task<int> QueuedJobsAsync()
    {
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.Builds.CountAsync(b => b.Status == Domain.Builds.BuildStatus.Queued);
    }
}
