using System.Net;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Services;

namespace Platform.Api.Tests;

/// <summary>
/// GET /api/v1/services pages on the server: keyset cursors in Link rel="next", X-Total-Count, search, team, mine,
/// status and sort; bad query parameters are refused naming the parameter.
/// </summary>
public sealed class ServiceListTests(ApiFactory api) : ApiTest(api)
{
    private async Task<(PlatformClient Alice, PlatformClient Bob)> SeedAsync()
    {
        var alice = await Api.SignInAsync("alice");
        var bob = await Api.SignInAsync("bob");
        foreach (var name in new[] { "orders", "payments-api", "refunds", "ledger", "invoices" })
            await alice.CreateServiceAsync(new CreateServiceRequest(name, "payments", Description: $"The {name} service"));
        foreach (var name in new[] { "web-shop", "web-search" })
            await bob.CreateServiceAsync(new CreateServiceRequest(name, "web", Description: name == "web-search" ? "Finds ledger entries" : "The shop"));
        await alice.PublishVersionAsync("orders", "1.0.0", Components.Hello, null);
        await Api.DeployAsync("orders", "1.0.0");
        return (alice, bob);
    }

    [Fact]
    public async Task Pages_FollowTheNextLink_EveryServiceOnceInOrder_TotalOnEachPage()
    {
        var (alice, _) = await SeedAsync();

        var names = new List<string>();
        var page = await alice.ServicesPageAsync(new ServiceListRequest(Limit: 3));
        var pages = 1;
        names.AddRange(page.Items.Select(s => s.Name));
        Assert.Equal(7, page.Total);
        while (page.Next is { } next)
        {
            // A service created between pages sorts after the cursor and shows up on a later page, once.
            if (pages == 1) await alice.CreateServiceAsync(new CreateServiceRequest("zeta", "payments"));
            page = await alice.ServicesPageAsync(next);
            names.AddRange(page.Items.Select(s => s.Name));
            pages++;
        }

        Assert.Equal(["invoices", "ledger", "orders", "payments-api", "refunds", "web-search", "web-shop", "zeta"], names);
        Assert.Equal(3, pages);
        Assert.Equal(names, (await alice.ServicesAsync()).Select(s => s.Name));
    }

    [Fact]
    public async Task Filters_SearchTeamMineStatus_AndSortNewestFirst()
    {
        var (alice, bob) = await SeedAsync();

        async Task<List<string>> Names(PlatformClient client, ServiceListRequest request) =>
            (await client.ServicesPageAsync(request)).Items.Select(s => s.Name).ToList();

        // Search covers the name and the description, case-insensitively; wildcards are taken literally.
        Assert.Equal(["ledger", "web-search"], await Names(alice, new ServiceListRequest(Search: "LEDGER")));
        Assert.Empty(await Names(alice, new ServiceListRequest(Search: "%")));
        Assert.Empty(await Names(alice, new ServiceListRequest(Search: "_")));
        Assert.Equal(["web-search", "web-shop"], await Names(alice, new ServiceListRequest(Team: "web")));
        Assert.Equal(["web-search", "web-shop"], await Names(bob, new ServiceListRequest(Mine: true)));
        Assert.Equal(["orders"], await Names(alice, new ServiceListRequest(Status: "running")));
        Assert.DoesNotContain("orders", await Names(alice, new ServiceListRequest(Status: "undeployed")));
        Assert.Empty(await Names(alice, new ServiceListRequest(Status: "canary")));
        Assert.Equal(["web-search", "web-shop", "invoices", "ledger", "refunds", "payments-api", "orders"],
            await Names(alice, new ServiceListRequest(Sort: "-created")));
        var first = await alice.ServicesPageAsync(new ServiceListRequest(Sort: "-name", Limit: 2));
        Assert.Equal(["web-shop", "web-search"], first.Items.Select(s => s.Name));
        Assert.Equal(["refunds", "payments-api"], (await alice.ServicesPageAsync(first.Next!)).Items.Select(s => s.Name));
        var deployed = Assert.Single((await alice.ServicesPageAsync(new ServiceListRequest(Search: "orders"))).Items);
        Assert.Equal("1.0.0", deployed.Deployment?.StableVersion);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("sort=size", "sort")]
    [InlineData("status=broken", "status")]
    [InlineData("team=Not%20A%20Team", "team")]
    [InlineData("after=bm90LWEtY3Vyc29y", "after")]
    [InlineData("after=%25%25%25", "after")]
    public async Task BadQuery_400NamingTheParameter(string query, string field)
    {
        var alice = await Api.SignInAsync("alice");

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.ServicesPageAsync($"api/v1/services?{query}"));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(field, error.Problem.Errors!.Keys);
    }
}
