using Platform.Contracts.Services;
using Platform.Portal.Components.Pages.Services;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Services;

public sealed class TrafficPanelTests : PortalTestContext
{
    [Fact]
    public void Render_BaselineCopyReported_ShownAsTheBaselineOfStableNotAsAThirdVersion()
    {
        var cut = Render<TrafficPanel>(p => p.Add(c => c.Metrics, new List<ServiceMetricsDto>
        {
            new("1.0.0", 600, 0, 0, 0.05, 0.08, 0.1, ["edge-1"]),
            new("1.0.0", 200, 0, 0, 0.06, 0.09, 0.12, ["edge-1"], Baseline: true),
            new("1.1.0", 200, 2, 0.01, 0.06, 0.09, 0.12, ["edge-1"]),
        }));

        Assert.Equal("1.0.0", cut.Find("[data-testid='traffic-row-1.0.0'] td").TextContent.Trim());
        Assert.Equal("baseline (copy of 1.0.0)", cut.Find("[data-testid='traffic-row-1.0.0-baseline'] td").TextContent.Trim());
        Assert.Contains("200", cut.Find("[data-testid='traffic-row-1.0.0-baseline']").TextContent);
        Assert.Equal(3, cut.FindAll("tbody tr").Count);
    }
}
