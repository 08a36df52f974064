using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Node;

/// <summary>A node keeping one version in memory still serves every service placed on it: parked ones load again per request.</summary>
[Collection(EdgeCollection.Name)]
public sealed class EdgeNodeResidencyTests(EdgeFixture edge)
{
    [Fact]
    public async Task Serve_MoreServicesThanResidentVersions_EveryOneAnswers_ColdLoadsInTheMetrics()
    {
        await using var node = await EdgeNodeHost.StartAsync(edge, new Dictionary<string, string?> { ["Edge:Engine:MaxResidentVersions"] = "1" });
        await node.ConvergeAsync("r1",
            EdgeNodeHost.Service("first", "/first", node.Version("1.0.0", "hello", 100)),
            EdgeNodeHost.Service("second", "/second", node.Version("1.0.0", "echo", 100)));

        for (var round = 0; round < 3; round++)
        {
            using var first = await node.Ingress.GetAsync("/first/x");
            using var second = await node.Ingress.PostAsync("/second/", new StringContent("echoed"));
            Assert.Equal("hello from /first/x", await first.Content.ReadAsStringAsync());
            Assert.Equal("echoed", await second.Content.ReadAsStringAsync());
        }

        var metrics = await node.Ingress.GetStringAsync("/metrics");
        var health = await node.Ingress.GetStringAsync("/healthz");
        Assert.Contains("platform_edge_resident_capacity 1", metrics);
        Assert.Matches(@"platform_edge_cold_loads_total [1-9]", metrics);
        Assert.Contains("\"residentVersions\":1", health);
    }
}
