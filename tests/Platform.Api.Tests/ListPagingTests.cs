using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Audit;
using Platform.Contracts.Nodes;
using Platform.Contracts.Registry;
using Platform.Contracts.Rollouts;
using Platform.Contracts.Services;

namespace Platform.Api.Tests;

/// <summary>
/// Versions, rollouts, nodes and the audit log page as the services list does: keyset cursors in Link rel="next",
/// X-Total-Count, search or filter and sort on the server; bad query parameters are refused naming the parameter.
/// </summary>
public sealed class ListPagingTests(ApiFactory api) : ApiTest(api)
{
    private async Task<PlatformClient> ServiceWithVersionsAsync(params string[] versions)
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("shop", "payments"));
        foreach (var version in versions) await alice.PublishVersionAsync("shop", version, Components.Hello, null);
        return alice;
    }

    private static async Task<List<T>> AllPagesAsync<T>(PlatformClient client, string path, Action<Page<T>>? eachPage = null)
    {
        var all = new List<T>();
        for (string? next = path; next is not null;)
        {
            var page = await client.PageAsync<T>(next);
            eachPage?.Invoke(page);
            all.AddRange(page.Items);
            next = page.Next;
        }
        return all;
    }

    [Fact]
    public async Task Versions_PageNewestFirst_SearchAndOldestFirst()
    {
        var alice = await ServiceWithVersionsAsync("1.0.0", "1.1.0", "1.2.0", "2.0.0", "2.1.0");
        var pages = 0;

        var all = await AllPagesAsync<ComponentVersionDto>(alice, "api/v1/services/shop/versions?limit=2", page =>
        {
            pages++;
            Assert.Equal(5, page.Total);
        });

        Assert.Equal(["2.1.0", "2.0.0", "1.2.0", "1.1.0", "1.0.0"], all.Select(v => v.Version));
        Assert.Equal(3, pages);
        Assert.Equal(["1.0.0", "1.1.0", "1.2.0", "2.0.0", "2.1.0"],
            (await AllPagesAsync<ComponentVersionDto>(alice, "api/v1/services/shop/versions?sort=published&limit=3")).Select(v => v.Version));
        var found = await alice.PageAsync<ComponentVersionDto>("api/v1/services/shop/versions?search=2.1");
        Assert.Equal("2.1.0", Assert.Single(found.Items).Version);
        Assert.Equal(1, found.Total);
        Assert.Equal(all.Select(v => v.Version), (await alice.VersionsAsync("shop")).Select(v => v.Version));
    }

    [Fact]
    public async Task Rollouts_PageNewestFirst_FilterByPhase()
    {
        var alice = await ServiceWithVersionsAsync("1.0.0", "1.1.0", "1.2.0", "1.3.0");
        await Api.DeployAsync("shop", "1.0.0");
        var started = new List<Guid>();
        foreach (var version in new[] { "1.1.0", "1.2.0", "1.3.0" })
        {
            var rollout = await alice.StartRolloutAsync("shop", version);
            started.Add(rollout.Id);
            await Api.FinishAsync(rollout.Id, succeed: version != "1.2.0");
        }

        var all = await AllPagesAsync<RolloutDto>(alice, "api/v1/services/shop/rollouts?limit=2", page => Assert.Equal(3, page.Total));

        Assert.Equal(Enumerable.Reverse(started), all.Select(r => r.Id));
        var aborted = await alice.PageAsync<RolloutDto>("api/v1/services/shop/rollouts?phase=aborted");
        Assert.Equal("1.2.0", Assert.Single(aborted.Items).TargetVersion);
        Assert.Equal(started, (await AllPagesAsync<RolloutDto>(alice, "api/v1/services/shop/rollouts?sort=created&limit=1")).Select(r => r.Id));
        Assert.Equal(2, (await alice.RolloutsAsync("shop", limit: 2)).Count);
    }

    [Fact]
    public async Task Nodes_PageByName_Search()
    {
        foreach (var name in new[] { "edge-c", "edge-a", "core-1", "edge-b" }) await EnrolAsync(name);
        var admin = await Api.SignInAsync("admin");

        var all = await AllPagesAsync<NodeDto>(admin, "api/v1/nodes?limit=3", page => Assert.Equal(4, page.Total));

        Assert.Equal(["core-1", "edge-a", "edge-b", "edge-c"], all.Select(n => n.Name));
        Assert.Equal(["edge-c", "edge-b"], (await admin.PageAsync<NodeDto>("api/v1/nodes?sort=-name&search=EDGE&limit=2")).Items.Select(n => n.Name));
        Assert.Equal(all.Select(n => n.Name), (await admin.NodesAsync()).Select(n => n.Name));
    }

    [Fact]
    public async Task Audit_FullPageLinksTheNextOlderPage()
    {
        await ServiceWithVersionsAsync("1.0.0", "1.1.0", "1.2.0");
        var admin = await Api.SignInAsync("admin");

        var entries = await AllPagesAsync<AuditEntryDto>(admin, "api/v1/audit?target=service/shop&limit=2");

        Assert.True(entries.Count >= 4, $"{entries.Count} entries");
        Assert.Equal(entries.Select(e => e.Id).OrderDescending(), entries.Select(e => e.Id));
        Assert.Equal(entries.Count, entries.Select(e => e.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("api/v1/services/shop/versions?limit=0", "limit")]
    [InlineData("api/v1/services/shop/versions?sort=size", "sort")]
    [InlineData("api/v1/services/shop/versions?after=bm90LWEtY3Vyc29y", "after")]
    [InlineData("api/v1/services/shop/rollouts?phase=done", "phase")]
    [InlineData("api/v1/services/shop/rollouts?phase=1", "phase")]
    [InlineData("api/v1/services/shop/rollouts?limit=501", "limit")]
    [InlineData("api/v1/services/shop/rollouts?after=%25%25", "after")]
    [InlineData("api/v1/nodes?sort=created", "sort")]
    [InlineData("api/v1/nodes?after=!", "after")]
    [InlineData("api/v1/audit?limit=0", "limit")]
    public async Task BadQuery_400NamingTheParameter(string path, string field)
    {
        var alice = await ServiceWithVersionsAsync("1.0.0");
        var client = path.Contains("audit", StringComparison.Ordinal) ? await Api.SignInAsync("admin") : alice;

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => client.PageAsync<object>(path));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(field, error.Problem.Errors!.Keys);
    }

    [Fact]
    public async Task Cursor_OfAnotherListOrSort_IsRefused()
    {
        var alice = await ServiceWithVersionsAsync("1.0.0", "1.1.0");
        var versions = await alice.PageAsync<ComponentVersionDto>("api/v1/services/shop/versions?limit=1");
        var cursor = versions.Next!.Split("after=")[1];

        var otherList = await Assert.ThrowsAsync<PlatformApiException>(() => alice.PageAsync<RolloutDto>($"api/v1/services/shop/rollouts?after={cursor}"));
        var otherSort = await Assert.ThrowsAsync<PlatformApiException>(() =>
            alice.PageAsync<ComponentVersionDto>($"api/v1/services/shop/versions?sort=published&after={cursor}"));

        Assert.All([otherList, otherSort], error =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, error.Status);
            Assert.Contains("after", error.Problem.Errors!.Keys);
        });
    }

    private async Task EnrolAsync(string name)
    {
        using var http = Api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.EnrolmentToken);
        using var response = await http.PostAsJsonAsync("/api/v1/nodes/enrol", new EnrolNodeRequest(name, "eu-west", "http://127.0.0.1:9999"));
        response.EnsureSuccessStatusCode();
    }
}
