using System.Net;
using Platform.Contracts.Services;
using Platform.Portal.Components.Pages.Services;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Services;

public sealed class PlacementPanelTests : PortalTestContext
{
    private const string Put = "PUT /api/v1/services/hello-api/placement";

    private static readonly ServicePlacementDto Everywhere = new(new PlacementDto(new Dictionary<string, string>(), []), true, ["edge-1", "edge-2"]);

    [Fact]
    public void Save_OwnerAddsRequirements_PutsThePlacementAndShowsTheNodesItSelects()
    {
        var saved = new ServicePlacementDto(new PlacementDto(new Dictionary<string, string> { ["region"] = "eu-west" },
            [new LabelRequirementDto("tier", "NotIn", ["batch", "test"])]), false, ["edge-1"]);
        Api.On(Put, saved);
        var changed = 0;
        var cut = Render<PlacementPanel>(p => p.Add(c => c.Service, "hello-api").Add(c => c.Placement, Everywhere).Add(c => c.CanEdit, true)
            .Add(c => c.OnChanged, () => changed++));
        Assert.Contains("Runs on every edge node", cut.Find("[data-testid=placement-summary]").TextContent);

        cut.Find("[data-testid=placement-add]").Click();
        cut.Find("[data-testid=placement-key-0]").Change("region");
        cut.Find("[data-testid=placement-values-0]").Change("eu-west");
        cut.Find("[data-testid=placement-add]").Click();
        cut.Find("[data-testid=placement-key-1]").Change("tier");
        cut.Find("[data-testid=placement-operator-1]").Change("NotIn");
        cut.Find("[data-testid=placement-values-1]").Change("batch, test");
        cut.Find("[data-testid=placement-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("region=eu-west, tier NotIn (batch, test)", cut.Find("[data-testid=placement-summary]").TextContent));
        Assert.Equal("""{"matchLabels":{"region":"eu-west"},"matchExpressions":[{"key":"tier","operator":"NotIn","values":["batch","test"]}]}""",
            Assert.Single(Api.SentTo(Put)).Body);
        Assert.Single(cut.FindAll("[data-testid=placed-node-edge-1]"));
        Assert.Empty(cut.FindAll("[data-testid=placed-node-edge-2]"));
        Assert.Equal(1, changed);
    }

    [Fact]
    public void Save_Refused_ShowsTheFieldsMessageOnItsRow()
    {
        Api.OnProblem(Put, HttpStatusCode.BadRequest, "The placement is not valid.", null,
            new Dictionary<string, string[]> { ["matchExpressions[0].values"] = ["In needs at least one value."] });
        var cut = Render<PlacementPanel>(p => p.Add(c => c.Service, "hello-api").Add(c => c.Placement, Everywhere).Add(c => c.CanEdit, true));

        cut.Find("[data-testid=placement-add]").Click();
        cut.Find("[data-testid=placement-key-0]").Change("region");
        cut.Find("[data-testid=placement-operator-0]").Change("In");
        cut.Find("[data-testid=placement-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("In needs at least one value.", cut.Find("[data-testid=placement-error-0]").TextContent));
        Assert.Contains("Runs on every edge node", cut.Find("[data-testid=placement-summary]").TextContent);
    }

    [Fact]
    public void Render_NotAnOwner_ShowsThePlacementWithoutTheEditor()
    {
        var placed = new ServicePlacementDto(new PlacementDto(new Dictionary<string, string> { ["region"] = "mars" }, []), false, []);

        var cut = Render<PlacementPanel>(p => p.Add(c => c.Service, "hello-api").Add(c => c.Placement, placed));

        Assert.Contains("region=mars", cut.Find("[data-testid=placement-summary]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=no-placed-nodes]"));
        Assert.Empty(cut.FindAll("[data-testid=placement-save]"));
    }

    [Fact]
    public void Save_DisabledUntilTheRowsSaySomethingElse_AndAgainWhenEditedBack()
    {
        var placed = new ServicePlacementDto(new PlacementDto(new Dictionary<string, string> { ["region"] = "eu-west" }, []), false, ["edge-1"]);
        var cut = Render<PlacementPanel>(p => p.Add(c => c.Service, "hello-api").Add(c => c.Placement, placed).Add(c => c.CanEdit, true));
        Assert.True(cut.Find("[data-testid=placement-save]").HasAttribute("disabled"), "nothing changed yet");

        cut.Find("[data-testid=placement-values-0]").Change("us-east");
        Assert.False(cut.Find("[data-testid=placement-save]").HasAttribute("disabled"));
        cut.Find("[data-testid=placement-values-0]").Change(" eu-west ");

        Assert.True(cut.Find("[data-testid=placement-save]").HasAttribute("disabled"), "edited back to what is saved");
        Assert.Empty(Api.SentTo(Put));
    }
}
