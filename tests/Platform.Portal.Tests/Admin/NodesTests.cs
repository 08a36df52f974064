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

    [Fact]
    public void Revoke_AdminConfirms_PostsAndShowsTheNodeRevoked()
    {
        SignInAs("admin", isAdmin: true);
        Api.On("GET /api/v1/nodes", new[] { Node() })
            .On("GET /api/v1/nodes", new[] { Node(At) })
            .On($"POST /api/v1/nodes/{Id}/revoke", Node(At));
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<Nodes>();
        Assert.Contains("tier=edge", cut.WaitForElement("[data-testid=nodes-table]").TextContent);

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
        Api.On("GET /api/v1/nodes", new[] { Node() });
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<Nodes>();

        cut.WaitForElement("[data-testid=revoke-edge-1]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("token stops working at once", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        Assert.Empty(Api.SentTo($"POST /api/v1/nodes/{Id}/revoke"));
        Assert.Empty(cut.FindAll("[data-testid=revoked-edge-1]"));
    }
}
