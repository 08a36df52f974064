using Platform.Contracts.Identity;
using Platform.Contracts.Services;
using Platform.Portal.Components.Pages.Services;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Services;

/// <summary>The services list asks the API for one page at a time, with its filters, and for more on request.</summary>
public sealed class ServiceListTests : PortalTestContext
{
    private const string FirstPage = "GET /api/v1/services?sort=name&limit=50";
    private const string NextPage = "GET /api/v1/services?sort=name&limit=50&after=b3JkZXJz";

    private static ServiceDto Service(string name, string team = "payments") =>
        new(name, $"The {name} service", team, $"/{name}", "http-json-c", "1.0.0", null, [], "user:alice", DateTimeOffset.UnixEpoch, true);

    private void ScriptTeams() => Api.On("GET /api/v1/teams", new List<TeamDto>());

    [Fact]
    public void FirstPage_ShowsItsServicesAndTheTotal_LoadMoreAppendsTheNext()
    {
        ScriptTeams();
        Api.On(FirstPage, new[] { Service("invoices"), Service("orders") })
            .WithHeaders(FirstPage, ("X-Total-Count", "3"), ("Link", "</api/v1/services?sort=name&limit=50&after=b3JkZXJz>; rel=\"next\""));
        Api.On(NextPage, new[] { Service("web-shop", "web") }).WithHeaders(NextPage, ("X-Total-Count", "3"));

        var cut = Render<ServiceList>();
        cut.WaitForAssertion(() => Assert.Equal("2 of 3", cut.Find("[data-testid=services-count]").TextContent.Trim()));
        Assert.NotNull(cut.Find("[data-testid=service-link-orders]"));

        cut.Find("[data-testid=services-more]").Click();

        cut.WaitForAssertion(() => Assert.Equal("3 of 3", cut.Find("[data-testid=services-count]").TextContent.Trim()));
        Assert.NotNull(cut.Find("[data-testid=service-link-web-shop]"));
        Assert.Empty(cut.FindAll("[data-testid=services-more]"));
        Assert.Single(Api.SentTo(NextPage));
    }

    [Fact]
    public void MineSwitch_AsksTheServerForTheCallersTeams_FromTheFirstPage()
    {
        ScriptTeams();
        Api.On(FirstPage, new[] { Service("invoices"), Service("web-shop", "web") }).WithHeaders(FirstPage, ("X-Total-Count", "2"));
        const string mine = "GET /api/v1/services?mine=true&sort=name&limit=50";
        Api.On(mine, new[] { Service("invoices") }).WithHeaders(mine, ("X-Total-Count", "1"));
        var cut = Render<ServiceList>();
        cut.WaitForAssertion(() => Assert.Equal("2 of 2", cut.Find("[data-testid=services-count]").TextContent.Trim()));

        cut.Find("[data-testid=services-mine] input[type=checkbox]").Change(true);

        cut.WaitForAssertion(() => Assert.Equal("1 of 1", cut.Find("[data-testid=services-count]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=service-link-web-shop]"));
        Assert.Single(Api.SentTo(mine));
    }

    [Fact]
    public void NoServicesAtAll_ShowsTheWayToTheTemplates()
    {
        ScriptTeams();
        Api.On(FirstPage, Array.Empty<ServiceDto>()).WithHeaders(FirstPage, ("X-Total-Count", "0"));

        var cut = Render<ServiceList>();

        cut.WaitForAssertion(() => Assert.Contains("No services yet", cut.Markup));
    }
}
