using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Platform.Contracts.Topics;
using Platform.Portal.Components.Pages.Topics;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Topics;

public sealed class TopicDetailTests : PortalTestContext
{
    private const string Get = "GET /api/v1/topics/orders";
    private const string Schemas = "GET /api/v1/topics/orders/schemas";
    private const string AddSchema = "POST /api/v1/topics/orders/schemas";
    private const string Patch = "PATCH /api/v1/topics/orders";
    private const string Delete = "DELETE /api/v1/topics/orders";

    private const string OrdersV2 =
        """{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string" }, "amount": { "type": "integer" } } }""";

    private static readonly TopicDto Orders = TopicData.Topic("orders", schemaVersions: [1, 2],
        publishers: new TopicAccessDto(["web"], []), subscribers: new TopicAccessDto([], ["invoices"]));

    private void ScriptOrders() =>
        Api.On(Get, Orders).On(Schemas, new[] { TopicData.Schema(1, TopicData.OrdersV1), TopicData.Schema(2, OrdersV2) });

    private IRenderedComponent<TopicDetail> RenderOrders()
    {
        var cut = Render<TopicDetail>(p => p.Add(c => c.Name, "orders"));
        cut.WaitForElement("[data-testid=schema-view]");
        return cut;
    }

    [Fact]
    public void AddSchema_BreakingVersion_ShowsTheRefusalNamingTheField_AndAddsNothing()
    {
        ScriptOrders();
        Api.OnProblem(AddSchema, HttpStatusCode.UnprocessableEntity, "The new schema would break existing consumers.",
            "Events valid under version 2 would be refused: /amount: the type narrows from integer to string.", new()
            {
                ["/amount"] = ["/amount: the type narrows from integer to string."],
            });
        var cut = RenderOrders();

        cut.Find("textarea[data-testid=schema-input]").Input(
            """{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string" }, "amount": { "type": "string" } } }""");
        cut.Find("[data-testid=schema-add]").Click();

        cut.WaitForElement("[data-testid=schema-breaks]");
        Assert.Contains("would break existing consumers", cut.Find("[data-testid=schema-breaks]").TextContent);
        var refusal = Assert.Single(cut.FindAll("[data-testid=schema-break]"));
        Assert.Equal("/amount", refusal.QuerySelector("code")!.TextContent);
        Assert.Contains("the type narrows from integer to string", refusal.TextContent);
        Assert.Contains("\"amount\":{\"type\":\"string\"}", Assert.Single(Api.SentTo(AddSchema)).Body);
        Assert.Empty(cut.FindAll("[data-testid=schema-version-3]"));
        Assert.Single(Api.SentTo(Schemas));
    }

    [Fact]
    public void AddSchema_NotJson_SaysSoOnTheFieldWithoutAskingTheApi()
    {
        ScriptOrders();
        var cut = RenderOrders();

        cut.Find("textarea[data-testid=schema-input]").Input("{ \"type\": ");
        cut.Find("[data-testid=schema-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("This is not JSON", cut.Find("[data-testid=schema-input]").Closest(".mud-input-control")!.TextContent));
        Assert.Empty(Api.SentTo(AddSchema));
    }

    [Fact]
    public void AddSchema_Accepted_ShowsTheNewVersion_AndKeepsUnsavedSettings()
    {
        ScriptOrders();
        const string v3 = """{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string" }, "note": { "type": "string" } } }""";
        Api.On(AddSchema, TopicData.Schema(3, v3), HttpStatusCode.Created)
            .On(Schemas, new[] { TopicData.Schema(1, TopicData.OrdersV1), TopicData.Schema(2, OrdersV2), TopicData.Schema(3, v3) });
        var cut = RenderOrders();
        cut.Find("input[data-testid=retention-age]").Change("3");

        cut.Find("textarea[data-testid=schema-input]").Input(v3);
        cut.Find("[data-testid=schema-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("\"note\"", cut.Find("[data-testid=schema-view]").TextContent));
        Assert.Single(cut.FindAll("[data-testid=schema-version-3]"));
        Assert.Empty(cut.FindAll("[data-testid=schema-breaks]"));
        Assert.Equal("3", cut.Find("input[data-testid=retention-age]").GetAttribute("value"));
    }

    [Fact]
    public void SelectVersion_ShowsThatVersionsSchema()
    {
        ScriptOrders();
        var cut = RenderOrders();
        Assert.Contains("\"amount\"", cut.Find("[data-testid=schema-view]").TextContent);

        cut.Find("[data-testid=schema-version-1]").Click();

        Assert.DoesNotContain("\"amount\"", cut.Find("[data-testid=schema-view]").TextContent);
        Assert.Contains("\"id\"", cut.Find("[data-testid=schema-view]").TextContent);
    }

    [Fact]
    public void Render_NotAnOwner_SeesTheTopicButNoEditControls()
    {
        SignInAs("bob", isAdmin: false, "web");
        ScriptOrders();

        var cut = RenderOrders();

        Assert.Equal("payments", cut.Find("[data-testid=topic-team]").TextContent);
        Assert.Equal("7 days", cut.Find("[data-testid=topic-retention]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=publisher-teams-web]"));
        Assert.Single(cut.FindAll("[data-testid=subscriber-services-invoices]"));
        Assert.Empty(cut.FindAll("[data-testid=topic-delete]"));
        Assert.Empty(cut.FindAll("[data-testid=topic-settings-save]"));
        Assert.Empty(cut.FindAll("[data-testid=retention-fields]"));
        Assert.Empty(cut.FindAll("[data-testid=topic-access-save]"));
        Assert.Empty(cut.FindAll("[data-testid$=-input]"));
        Assert.Empty(cut.FindAll("[data-testid=schema-add]"));
    }

    [Theory]
    [InlineData("alice", false, "payments")]
    [InlineData("root", true, null)]
    public void Render_OwnerOrAdmin_SeesTheEditControls(string user, bool isAdmin, string? team)
    {
        SignInAs(user, isAdmin, team is null ? [] : [team]);
        ScriptOrders();

        var cut = RenderOrders();

        Assert.Single(cut.FindAll("[data-testid=topic-delete]"));
        Assert.Single(cut.FindAll("[data-testid=topic-settings-save]"));
        Assert.Single(cut.FindAll("[data-testid=topic-access-save]"));
        Assert.Single(cut.FindAll("textarea[data-testid=schema-input]"));
        Assert.Single(cut.FindAll("input[data-testid=publisher-teams-input]"));
    }

    [Fact]
    public void SaveAccess_UnknownTeam_ShowsTheMessageOnThatList()
    {
        ScriptOrders();
        Api.OnProblem(Patch, HttpStatusCode.BadRequest, "The topic change is invalid.", errors: new()
        {
            ["publishers.teams"] = ["There is no team 'nobody'."],
        });
        var cut = RenderOrders();

        cut.Find("input[data-testid=publisher-teams-input]").Input("nobody");
        cut.Find("[data-testid=publisher-teams-add]").Click();
        cut.Find("[data-testid=topic-access-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("There is no team 'nobody'.", cut.Find("[data-testid=publisher-teams]").TextContent));
        Assert.Contains("\"publishers\":{\"teams\":[\"web\",\"nobody\"],\"services\":[]}", Assert.Single(Api.SentTo(Patch)).Body);
        Assert.Equal("payments", cut.Find("[data-testid=topic-team]").TextContent);
    }

    [Fact]
    public void SaveSettings_NewRetention_PatchesSecondsAndShowsWhatTheApiSaved()
    {
        ScriptOrders();
        Api.On(Patch, Orders with { MaxAgeSeconds = 3 * 86400 });
        var cut = RenderOrders();

        cut.Find("input[data-testid=retention-age]").Change("3");
        cut.Find("[data-testid=topic-settings-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("3 days", cut.Find("[data-testid=topic-retention]").TextContent));
        Assert.Contains($"\"maxAgeSeconds\":{3 * 86400}", Assert.Single(Api.SentTo(Patch)).Body);
    }

    [Fact]
    public void SaveSettings_EmptyingALimit_SaysItIsRemoved_AndPatchesNoLimit()
    {
        var sized = Orders with { MaxBytes = 1L << 30 };
        Api.On(Get, sized).On(Schemas, new[] { TopicData.Schema(1, TopicData.OrdersV1), TopicData.Schema(2, OrdersV2) })
            .On(Patch, sized with { MaxAgeSeconds = null });
        var cut = RenderOrders();

        cut.Find("input[data-testid=retention-age]").Change("");

        cut.WaitForAssertion(() => Assert.Contains("Saving removes the age limit", cut.Find("[data-testid=retention-removes]").TextContent));
        Assert.False(cut.Find("[data-testid=topic-settings-save]").HasAttribute("disabled"));
        cut.Find("[data-testid=topic-settings-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("1 GiB", cut.Find("[data-testid=topic-retention]").TextContent));
        var sent = Assert.Single(Api.SentTo(Patch)).Body!;
        Assert.Contains("\"maxAgeSeconds\":0", sent);
        Assert.Contains($"\"maxBytes\":{1L << 30}", sent);
        Assert.Empty(cut.FindAll("[data-testid=retention-removes]"));
    }

    [Fact]
    public void SaveSettings_EmptyingTheOnlyLimit_ShowsTheApisRefusalOnTheField()
    {
        ScriptOrders();
        Api.OnProblem(Patch, HttpStatusCode.BadRequest, "The topic change is invalid.", errors: new()
        {
            ["maxAgeSeconds"] = ["A topic keeps events for a limited time or up to a size: remove one limit only while the other stays."],
        });
        var cut = RenderOrders();

        cut.Find("input[data-testid=retention-age]").Change("");
        cut.WaitForAssertion(() => Assert.Contains("fill in one", cut.Find("[data-testid=retention-removes]").TextContent));
        cut.Find("[data-testid=topic-settings-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("only while the other stays",
            cut.Find("[data-testid=retention-age]").Closest(".mud-input-control")!.TextContent));
        Assert.Contains("\"maxAgeSeconds\":0", Assert.Single(Api.SentTo(Patch)).Body);
        Assert.Equal("7 days", cut.Find("[data-testid=topic-retention]").TextContent);
    }

    [Fact]
    public void Delete_OwnerConfirms_DeletesAndReturnsToTheList()
    {
        ScriptOrders();
        Api.On(Delete, new { }, HttpStatusCode.NoContent);
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderOrders();

        cut.Find("[data-testid=topic-delete]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("every event in it", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/topics", Services.GetRequiredService<NavigationManager>().Uri));
        Assert.Single(Api.SentTo(Delete));
    }

    [Fact]
    public void Delete_Cancelled_DeletesNothing()
    {
        ScriptOrders();
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderOrders();

        cut.Find("[data-testid=topic-delete]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("every event in it", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("every event in it", dialogs.Markup));
        Assert.Empty(Api.SentTo(Delete));
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
    }
}
