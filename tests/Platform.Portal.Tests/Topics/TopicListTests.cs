using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Identity;
using Platform.Contracts.Topics;
using Platform.Portal.Components.Pages.Topics;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Topics;

public sealed class TopicListTests : PortalTestContext
{
    private const string List = "GET /api/v1/topics?limit=50";
    private const string Create = "POST /api/v1/topics";

    private void ScriptTeams() => Api.On("GET /api/v1/teams", new[]
    {
        new TeamDto("payments", "Payments", ["alice"]),
        new TeamDto("web", "Web", ["bob"]),
    });

    [Fact]
    public void Render_ListsEachTopicWithTeamRetentionAndLatestSchemaVersion()
    {
        Api.On(List, new[]
        {
            TopicData.Topic("orders", schemaVersions: [1, 2, 3]),
            TopicData.Topic("clicks", team: "web", maxAgeSeconds: 86400, maxBytes: 512L * 1024 * 1024),
        });

        var cut = Render<TopicList>();

        cut.WaitForElement("[data-testid=topic-link-orders]");
        Assert.Equal("payments", cut.Find("[data-testid=topic-team-orders]").TextContent.Trim());
        Assert.Equal("7 days", cut.Find("[data-testid=topic-retention-orders]").TextContent.Trim());
        Assert.Equal("v3", cut.Find("[data-testid=topic-schema-orders]").TextContent.Trim());
        Assert.Equal("web", cut.Find("[data-testid=topic-team-clicks]").TextContent.Trim());
        Assert.Equal("1 day or 512 MiB", cut.Find("[data-testid=topic-retention-clicks]").TextContent.Trim());
        Assert.Equal("none", cut.Find("[data-testid=topic-schema-clicks]").TextContent.Trim());
        Assert.Equal("topics/orders", cut.Find("[data-testid=topic-link-orders]").GetAttribute("href"));
    }

    [Fact]
    public void LoadMore_FollowsTheNextLink_AndAppendsThePage()
    {
        const string Next = "GET /api/v1/topics?limit=50&after=Y2xpY2tz";
        Api.On(List, new[] { TopicData.Topic("clicks", team: "web") })
            .WithHeaders(List, ("Link", "</api/v1/topics?limit=50&after=Y2xpY2tz>; rel=\"next\""), ("X-Total-Count", "2"))
            .On(Next, new[] { TopicData.Topic("orders") })
            .WithHeaders(Next, ("X-Total-Count", "2"));

        var cut = Render<TopicList>();
        cut.WaitForElement("[data-testid=topic-link-clicks]");
        Assert.Empty(Api.SentTo(Next));
        Assert.Equal("1 of 2", cut.Find("[data-testid=topics-count]").TextContent.Trim());

        cut.Find("[data-testid=topics-more]").Click();

        cut.WaitForElement("[data-testid=topic-link-orders]");
        Assert.Equal(["clicks", "orders"], cut.FindAll("[data-testid^=topic-link-]").Select(a => a.TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=topics-more]"));
    }

    [Fact]
    public void Search_AsksTheServerForTheFirstPageOfMatches()
    {
        const string Search = "GET /api/v1/topics?search=ord&limit=50";
        Api.On(List, new[] { TopicData.Topic("clicks", team: "web"), TopicData.Topic("orders") })
            .On(Search, new[] { TopicData.Topic("orders") });
        var cut = Render<TopicList>();
        cut.WaitForElement("[data-testid=topic-link-clicks]");

        cut.Find("input[data-testid=topics-search]").Input("ord");

        cut.WaitForAssertion(() => Assert.Equal(["orders"], cut.FindAll("[data-testid^=topic-link-]").Select(a => a.TextContent.Trim())));
        Assert.Single(Api.SentTo(Search));
    }

    [Fact]
    public void Render_NoTopics_ShowsTheEmptyState()
    {
        Api.On(List, Array.Empty<TopicDto>());

        var cut = Render<TopicList>();

        cut.WaitForAssertion(() => Assert.Contains("No topics yet", cut.Find("[data-testid=empty-state]").TextContent));
    }

    [Fact]
    public void Create_ValidationProblem_ShowsEachMessageOnItsField_AndChangesNothing()
    {
        ScriptTeams();
        Api.On(List, new[] { TopicData.Topic("clicks", team: "web") })
            .OnProblem(Create, HttpStatusCode.BadRequest, "The topic request is invalid.", errors: new()
            {
                ["name"] = ["A topic name is lower-case letters, digits and single hyphens."],
                ["maxAgeSeconds"] = ["maxAgeSeconds must be between 1 and 2592000 (the platform's limit)."],
            });
        var cut = Render<TopicList>();
        cut.WaitForElement("[data-testid=topic-link-clicks]");

        cut.Find("[data-testid=new-topic]").Click();
        WaitForTeamChosen(cut, "payments");
        cut.Find("input[data-testid=topic-name]").Input("Orders!");
        cut.Find("input[data-testid=retention-age]").Change("90");
        cut.Find("[data-testid=topic-create]").Click();

        cut.WaitForAssertion(() => Assert.Contains("lower-case letters", FieldText(cut, "topic-name")));
        Assert.Contains("the platform's limit", FieldText(cut, "retention-age"));
        Assert.Contains("they are marked above", cut.Find("[data-testid=error-alert]").TextContent);
        var sent = Assert.Single(Api.SentTo(Create)).Body!;
        Assert.Contains("\"team\":\"payments\"", sent);
        Assert.Contains($"\"maxAgeSeconds\":{90 * 86400}", sent);
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Single(cut.FindAll("[data-testid^=topic-link-]"));
        Assert.Single(Api.SentTo(List));
    }

    [Fact]
    public void Create_Accepted_OpensTheNewTopic()
    {
        ScriptTeams();
        Api.On(List, Array.Empty<TopicDto>()).On(Create, TopicData.Topic("orders"), HttpStatusCode.Created);
        var cut = Render<TopicList>();

        cut.WaitForElement("[data-testid=new-topic]").Click();
        WaitForTeamChosen(cut, "payments");
        cut.Find("input[data-testid=topic-name]").Input("orders");
        cut.Find("[data-testid=topic-create]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/topics/orders", Services.GetRequiredService<NavigationManager>().Uri));
        var sent = Assert.Single(Api.SentTo(Create)).Body!;
        Assert.Contains("\"name\":\"orders\"", sent);
        Assert.Contains("\"maxAgeSeconds\":null", sent);
    }

    [Fact]
    public void Render_DeveloperWithoutATeam_IsNotOfferedANewTopic()
    {
        SignInAs("carol", isAdmin: false);
        Api.On(List, new[] { TopicData.Topic("orders") });

        var cut = Render<TopicList>();

        cut.WaitForElement("[data-testid=topic-link-orders]");
        Assert.Empty(cut.FindAll("[data-testid=new-topic]"));
    }

    /// <summary>The user's only team is chosen for them once the teams arrived.</summary>
    private static void WaitForTeamChosen(IRenderedComponent<TopicList> cut, string team) =>
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=new-topic-form] .mud-select input"), i => i.GetAttribute("value") == team));

    private static string FieldText(IRenderedComponent<TopicList> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;
}
