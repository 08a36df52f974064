using Platform.Contracts.Nodes;
using Platform.Portal.Components.Pages.Admin;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Admin;

public sealed class NodesTests : PortalTestContext
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 4, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.Parse("0193a000-0000-7000-8000-000000000001");

    private static NodeDto Node(DateTimeOffset? revokedAt = null) =>
        new(Id, "edge-1", "eu-west", "http://127.0.0.1:8081", revokedAt is null, At, At, [], [],
            new Dictionary<string, string> { ["region"] = "eu-west", ["tier"] = "edge" }, revokedAt, revokedAt is null ? null : "user:admin");

    private static NodeDto Claimed() =>
        Node() with
        {
            Region = null, Labels = new Dictionary<string, string>(),
            ClaimedRegion = "eu-west", ClaimedLabels = new Dictionary<string, string> { ["region"] = "eu-west", ["tier"] = "secure" },
        };

    [Fact]
    public void Accept_PendingClaim_ShownApartFromLabels_AdminConfirms_PostsAndTheLabelsCount()
    {
        SignInAs("admin", isAdmin: true);
        var accepted = Node() with { Labels = new Dictionary<string, string> { ["region"] = "eu-west", ["tier"] = "secure" } };
        Api.On("GET /api/v1/nodes?limit=500", new[] { Claimed() })
            .On("GET /api/v1/nodes?limit=500", new[] { accepted })
            .On($"POST /api/v1/nodes/{Id}/labels/accept", accepted);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<Nodes>();

        var claim = cut.WaitForElement("[data-testid=claimed-edge-1]");
        Assert.Contains("awaiting acceptance", claim.TextContent);
        Assert.Contains("tier=secure", claim.TextContent);
        Assert.DoesNotContain("tier=secure", cut.Find("[data-testid=labels-of-edge-1]").TextContent.Replace(claim.TextContent, "", StringComparison.Ordinal));
        cut.Find("[data-testid=accept-edge-1]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("receives their variables, secrets included", dialogs.Markup));
        Assert.Contains("region=eu-west, tier=secure", dialogs.Markup);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Accept").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=claimed-edge-1]")));
        Assert.Single(Api.SentTo($"POST /api/v1/nodes/{Id}/labels/accept"));
        Assert.Contains("tier=secure", cut.Find("[data-testid=labels-of-edge-1]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=accept-edge-1]"));
    }

    [Fact]
    public void Accept_Cancelled_NothingSent_ClaimStillShown()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/nodes?limit=500", new[] { Claimed() });
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<Nodes>();

        cut.WaitForElement("[data-testid=accept-edge-1]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("secrets included", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        Assert.Empty(Api.SentTo($"POST /api/v1/nodes/{Id}/labels/accept"));
        Assert.Single(cut.FindAll("[data-testid=claimed-edge-1]"));
    }

    [Fact]
    public void Labels_PendingClaim_DialogStartsFromTheClaim_SaveSettlesIt()
    {
        SignInAs("admin", isAdmin: true);
        var set = Node() with { Labels = new Dictionary<string, string> { ["region"] = "eu-west", ["tier"] = "edge" } };
        Api.On("GET /api/v1/nodes?limit=500", new[] { Claimed() })
            .On("GET /api/v1/nodes?limit=500", new[] { set })
            .On($"PUT /api/v1/nodes/{Id}/labels", set);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<Nodes>();

        cut.WaitForElement("[data-testid=labels-edge-1]").Click();
        dialogs.WaitForElement("[data-testid=node-labels-claimed]");
        var labels = dialogs.Find("textarea[data-testid=node-labels]");
        Assert.Equal("tier=secure", labels.GetAttribute("value") ?? labels.TextContent);
        labels.Input("tier=edge");
        dialogs.Find("[data-testid=node-labels-save]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=claimed-edge-1]")));
        var (_, body) = Assert.Single(Api.SentTo($"PUT /api/v1/nodes/{Id}/labels"));
        Assert.Contains("\"region\":\"eu-west\"", body, StringComparison.Ordinal);
        Assert.Contains("\"labels\":{\"tier\":\"edge\"}", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoke_AdminConfirms_PostsAndShowsTheNodeRevoked()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/nodes?limit=500", new[] { Node() })
            .On("GET /api/v1/nodes?limit=500", new[] { Node(At) })
            .On($"POST /api/v1/nodes/{Id}/revoke", Node(At));
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<Nodes>();
        Assert.Contains("tier=edge", cut.WaitForElement("[data-testid=nodes-table]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=accept-edge-1]"));

        cut.Find("[data-testid=revoke-edge-1]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("token stops working at once", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        cut.WaitForElement("[data-testid=revoked-edge-1]");
        Assert.Single(Api.SentTo($"POST /api/v1/nodes/{Id}/revoke"));
        Assert.Empty(cut.FindAll("[data-testid=revoke-edge-1]"));
        Assert.Single(cut.FindAll("[data-testid=delete-edge-1]"));
    }

    [Fact]
    public void Revoke_Cancelled_NothingSent()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/nodes?limit=500", new[] { Node() });
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<Nodes>();

        cut.WaitForElement("[data-testid=revoke-edge-1]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("token stops working at once", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        Assert.Empty(Api.SentTo($"POST /api/v1/nodes/{Id}/revoke"));
        Assert.Empty(cut.FindAll("[data-testid=revoked-edge-1]"));
    }

    [Fact]
    public void Labels_AdminEditsAndSaves_PutsRegionAndLabels_ListReloads()
    {
        SignInAs("admin", isAdmin: true);
        var relabelled = Node() with { Region = "us-east", Labels = new Dictionary<string, string> { ["region"] = "us-east", ["tier"] = "vault" } };
        Api.On("GET /api/v1/nodes?limit=500", new[] { Node() })
            .On("GET /api/v1/nodes?limit=500", new[] { relabelled })
            .On($"PUT /api/v1/nodes/{Id}/labels", relabelled);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<Nodes>();

        cut.WaitForElement("[data-testid=labels-edge-1]").Click();
        dialogs.WaitForElement("[data-testid=node-labels-dialog]");
        // The region has its own field; the labels field holds the others.
        Assert.Equal("tier=edge", dialogs.Find("textarea[data-testid=node-labels]").GetAttribute("value") ?? dialogs.Find("textarea[data-testid=node-labels]").TextContent);
        Assert.True(dialogs.Find("[data-testid=node-labels-save]").HasAttribute("disabled"), "nothing changed yet");
        dialogs.Find("input[data-testid=node-region]").Input("us-east");
        dialogs.Find("textarea[data-testid=node-labels]").Input("tier=vault\n");
        dialogs.Find("[data-testid=node-labels-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("tier=vault", cut.Find("[data-testid=nodes-table]").TextContent));
        var (_, body) = Assert.Single(Api.SentTo($"PUT /api/v1/nodes/{Id}/labels"));
        Assert.Contains("\"region\":\"us-east\"", body, StringComparison.Ordinal);
        Assert.Contains("\"labels\":{\"tier\":\"vault\"}", body, StringComparison.Ordinal);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=node-labels-dialog]")));
    }

    [Fact]
    public void Labels_ApiRefusesALabel_DialogStaysOpenNamingIt()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/nodes?limit=500", new[] { Node() })
            .OnProblem($"PUT /api/v1/nodes/{Id}/labels", System.Net.HttpStatusCode.BadRequest, "One or more validation errors occurred.",
                errors: new() { ["labels.tier"] = ["Label keys and values are 1-63 letters."] });
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<Nodes>();

        cut.WaitForElement("[data-testid=labels-edge-1]").Click();
        dialogs.WaitForElement("textarea[data-testid=node-labels]").Input("tier=-vault");
        dialogs.Find("[data-testid=node-labels-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("tier: Label keys and values are 1-63 letters.", dialogs.Markup));
        Assert.Single(dialogs.FindAll("[data-testid=node-labels-dialog]"));
    }

    [Fact]
    public void Labels_MalformedLine_RefusedInTheDialog_NothingSent()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/nodes?limit=500", new[] { Node() });
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<Nodes>();

        cut.WaitForElement("[data-testid=labels-edge-1]").Click();
        dialogs.WaitForElement("textarea[data-testid=node-labels]").Input("tier=edge\nvault");
        dialogs.Find("[data-testid=node-labels-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("'vault' is not a label", dialogs.Markup));
        Assert.Empty(Api.SentTo($"PUT /api/v1/nodes/{Id}/labels"));
    }

    [Fact]
    public void Versions_ThousandsReady_CountedNotListed_OpenShowsAtMostAHundred_FailuresAlwaysShown()
    {
        SignInAs("admin", isAdmin: true);
        var ready = Enumerable.Range(0, 1_200).Select(i => $"svc-{i % 400}@1.{i / 400}.0=sha256:{i:x64}").ToList();
        var failed = Enumerable.Range(0, 7).Select(i => $"broken-{i}@2.0.0: the component does not export handler#handle").ToList();
        Api.On("GET /api/v1/nodes?limit=500", new[] { Node() with { Ready = ready, Failed = failed } });
        var cut = Render<Nodes>();

        var summary = cut.WaitForElement("[data-testid=versions-summary-edge-1]").TextContent;
        var chipsClosed = cut.Find("[data-testid=versions-of-edge-1]").QuerySelectorAll(".mud-chip").Length;
        cut.Find("[data-testid=versions-toggle-edge-1]").Click();
        var opened = cut.Find("[data-testid=versions-ready-edge-1]");

        Assert.Contains("1,200 versions of 400 services ready", summary);
        Assert.Contains("7 versions failed", summary);
        // Closed: only the first failures, by name (the reason in the tooltip).
        Assert.Equal(NodeVersions.MaxFailedShown, chipsClosed);
        Assert.Contains("and 2 more failed", cut.Find("[data-testid=versions-of-edge-1]").TextContent);
        Assert.Equal(NodeVersions.MaxReadyShown, opened.QuerySelectorAll(".mud-chip").Length);
        Assert.Contains("svc-0@1.0.0", opened.TextContent);
        Assert.Contains("and 1,100 more", opened.TextContent);
    }

    [Fact]
    public void Versions_NothingReady_NoToggle()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/nodes?limit=500", new[] { Node() });
        var cut = Render<Nodes>();

        Assert.Contains("0 versions of 0 services ready", cut.WaitForElement("[data-testid=versions-summary-edge-1]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=versions-toggle-edge-1]"));
    }
}
