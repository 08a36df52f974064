using Platform.Contracts.Services;
using Platform.Portal.Components.Pages.Services;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Services;

public sealed class DeploymentPanelTests : PortalTestContext
{
    private static ServiceDto Service(IReadOnlyList<string>? primary) => new("hello-api", "Says hello", "payments", "/hello-api", "http-json-c", "1.0.0",
        new DeploymentDto("0.1.0", null, 0, DateTimeOffset.UnixEpoch,
            [new NodeServiceStatusDto("edge-1", "local", "http://127.0.0.1:8081/hello-api", true, true, null, 0, primary is { Count: > 0 } ? primary[0] : null)]),
        ["http://127.0.0.1:8081/hello-api"], "user:alice", DateTimeOffset.UnixEpoch, true, PrimaryUrls: primary);

    [Fact]
    public void Render_NodeServesByHost_ShowsTheOwnOriginFirstAndThePathUrlAsSecondary()
    {
        var cut = Render<DeploymentPanel>(p => p.Add(c => c.Service, Service(["http://hello-api.localhost:8081/"])));

        var primary = Assert.Single(cut.FindAll("[data-testid=service-primary-url]"));
        var secondary = Assert.Single(cut.FindAll("[data-testid=service-url]"));
        Assert.Equal("http://hello-api.localhost:8081/", primary.GetAttribute("href"));
        Assert.Equal("http://127.0.0.1:8081/hello-api", secondary.GetAttribute("href"));
        Assert.True(primary.CompareDocumentPosition(secondary).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
        Assert.Contains("also on the node's shared host", cut.Markup);
        Assert.StartsWith("http://hello-api.localhost:8081/", cut.Find("[data-testid=deployment-node-edge-1] td.mono").TextContent.Trim());
    }

    [Fact]
    public void Render_NodeRoutesByPathOnly_ShowsThePathUrlAlone()
    {
        var cut = Render<DeploymentPanel>(p => p.Add(c => c.Service, Service(null)));

        Assert.Empty(cut.FindAll("[data-testid=service-primary-url]"));
        Assert.Equal("http://127.0.0.1:8081/hello-api", Assert.Single(cut.FindAll("[data-testid=service-url]")).GetAttribute("href"));
        Assert.DoesNotContain("also on the node's shared host", cut.Markup);
    }
}
