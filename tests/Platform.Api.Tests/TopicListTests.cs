using System.Net;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Topics;

namespace Platform.Api.Tests;

/// <summary>
/// GET /api/v1/topics pages as every list does: keyset cursors in Link rel="next", X-Total-Count, search, team and sort;
/// bad query parameters are refused naming the parameter.
/// </summary>
public sealed class TopicListTests(ApiFactory api) : ApiTest(api)
{
    private async Task<(PlatformClient Alice, PlatformClient Bob)> SeedAsync()
    {
        var alice = await Api.SignInAsync("alice");
        var bob = await Api.SignInAsync("bob");
        foreach (var name in new[] { "orders", "payments-in", "refunds", "ledger", "invoices" })
            await alice.CreateTopicAsync(new CreateTopicRequest(name, "payments", $"The {name} events"));
        await bob.CreateTopicAsync(new CreateTopicRequest("clicks", "web", "Shop clicks, 100% of them"));
        await bob.CreateTopicAsync(new CreateTopicRequest("page-views", "web", "Views of LEDGER pages"));
        return (alice, bob);
    }

    private static async Task<List<string>> Names(PlatformClient client, TopicListRequest request) =>
        (await client.TopicsPageAsync(request)).Items.Select(t => t.Name).ToList();

    [Fact]
    public async Task Pages_FollowTheNextLink_EveryTopicOnceInOrder_TotalOnEachPage()
    {
        var (alice, _) = await SeedAsync();

        var names = new List<string>();
        var page = await alice.TopicsPageAsync(new TopicListRequest(Limit: 3));
        var pages = 1;
        names.AddRange(page.Items.Select(t => t.Name));
        Assert.Equal(7, page.Total);
        while (page.Next is { } next)
        {
            // A topic created between pages sorts after the cursor and shows up on a later page, once.
            if (pages == 1) await alice.CreateTopicAsync(new CreateTopicRequest("zeta", "payments"));
            page = await alice.TopicsPageAsync(next);
            names.AddRange(page.Items.Select(t => t.Name));
            Assert.Equal(8, page.Total);
            pages++;
        }

        Assert.Equal(["clicks", "invoices", "ledger", "orders", "page-views", "payments-in", "refunds", "zeta"], names);
        Assert.Equal(3, pages);
        Assert.Equal(names, (await alice.TopicsAsync()).Select(t => t.Name));
    }

    [Fact]
    public async Task Page_CarriesWhatTheTopicIs_OwnerRetentionSchemaVersions()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateTopicAsync(new CreateTopicRequest("orders", "payments", MaxBytes: 4096, Schema: TopicSchemas.Parse(TopicSchemas.OrderV1)));

        var topic = Assert.Single((await alice.TopicsPageAsync(new TopicListRequest())).Items);

        Assert.Equal(("payments", null, 4096L), (topic.OwnerTeam, topic.MaxAgeSeconds, topic.MaxBytes));
        Assert.Equal([1], topic.SchemaVersions);
    }

    [Fact]
    public async Task Filters_SearchAndTeam_AndSortByNameDescending()
    {
        var (alice, _) = await SeedAsync();

        // Search covers the name and the description, case-insensitively; wildcards are taken literally.
        Assert.Equal(["ledger", "page-views"], await Names(alice, new TopicListRequest(Search: "Ledger")));
        Assert.Equal(["clicks"], await Names(alice, new TopicListRequest(Search: "100%")));
        Assert.Empty(await Names(alice, new TopicListRequest(Search: "%%")));
        Assert.Empty(await Names(alice, new TopicListRequest(Search: "_")));
        Assert.Equal(["clicks", "page-views"], await Names(alice, new TopicListRequest(Team: "web")));
        Assert.Equal(["page-views"], await Names(alice, new TopicListRequest(Search: "views", Team: "web")));
        Assert.Empty(await Names(alice, new TopicListRequest(Team: "nobody")));
        var filtered = await alice.TopicsPageAsync(new TopicListRequest(Team: "payments", Limit: 2));
        Assert.Equal((5, 2), (filtered.Total, filtered.Items.Count));

        var first = await alice.TopicsPageAsync(new TopicListRequest(Sort: "-name", Limit: 3));
        Assert.Equal(["refunds", "payments-in", "page-views"], first.Items.Select(t => t.Name));
        var second = await alice.TopicsPageAsync(first.Next!);
        Assert.Equal(["orders", "ledger", "invoices"], second.Items.Select(t => t.Name));
        var last = await alice.TopicsPageAsync(second.Next!);
        Assert.Equal(["clicks"], last.Items.Select(t => t.Name));
        Assert.Null(last.Next);
    }

    [Fact]
    public async Task AllTopics_TheClientFollowsThePages_BeyondTheDefaultPageLength()
    {
        var alice = await Api.SignInAsync("alice");
        var names = Enumerable.Range(0, 101).Select(i => $"t{i:000}").ToList();
        foreach (var name in names) await alice.CreateTopicAsync(new CreateTopicRequest(name, "payments"));

        var first = await alice.TopicsPageAsync(new TopicListRequest());

        Assert.Equal((100, 101), (first.Items.Count, first.Total));
        Assert.NotNull(first.Next);
        Assert.Equal(names, (await alice.TopicsAsync()).Select(t => t.Name));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("sort=created", "sort")]
    [InlineData("sort=NAME", "sort")]
    [InlineData("team=Not%20A%20Team", "team")]
    [InlineData("search=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "search")]
    [InlineData("after=bm90LWEtY3Vyc29y", "after")]
    [InlineData("after=%25%25%25", "after")]
    public async Task BadQuery_400NamingTheParameter(string query, string field)
    {
        var alice = await Api.SignInAsync("alice");

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.TopicsPageAsync($"api/v1/topics?{query}"));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(field, error.Problem.Errors!.Keys);
    }

    [Fact]
    public async Task CursorOfTheOtherSort_400NamingAfter()
    {
        var (alice, _) = await SeedAsync();
        var descending = await alice.TopicsPageAsync(new TopicListRequest(Sort: "-name", Limit: 2));
        var after = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://localhost/"), descending.Next!).Query)["after"]!;

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.TopicsPageAsync($"api/v1/topics?sort=name&after={Uri.EscapeDataString(after)}"));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(["after"], error.Problem.Errors!.Keys);
    }

    [Fact]
    public async Task Anonymous_Unauthorized()
    {
        await SeedAsync();
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Anonymous().TopicsPageAsync(new TopicListRequest()));
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
    }
}
