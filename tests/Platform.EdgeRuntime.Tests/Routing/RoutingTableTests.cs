using Platform.EdgeNode.Routing;

namespace Platform.EdgeRuntime.Tests.Routing;

/// <summary>The ingress's route lookup: longest segment prefix, the root route last, a service by name.</summary>
public sealed class RoutingTableTests
{
    [Theory]
    [InlineData("/shop", "shop")]
    [InlineData("/shop/", "shop")]
    [InlineData("/shop/cart?x=1", "shop")]
    [InlineData("/shop/cart/items", "cart")]
    [InlineData("/shop/cart", "cart")]
    [InlineData("/shop//cart", "shop")]
    [InlineData("/shopping", "root")]
    [InlineData("/sh", "root")]
    [InlineData("/", "root")]
    [InlineData("/api/v1/orders", "api-v1")]
    [InlineData("/api/v2/orders", "root")]
    public void Match_Path_LongestSegmentPrefixOrTheRoot(string path, string expected)
    {
        var table = Table(("shop", "/shop"), ("cart", "/shop/cart/"), ("root", "/"), ("api-v1", "/api/v1"));

        Assert.Equal(expected, table.Match(path)?.Service);
    }

    /// <summary>A path far longer than any route (thousands of segments, as a hostile client may send) still finds its route.</summary>
    [Fact]
    public void Match_PathOfThousandsOfSegments_LongestRouteStillFound()
    {
        var table = Table(("shop", "/shop"), ("cart", "/shop/cart"), ("root", "/"));

        Assert.Equal("cart", table.Match("/shop/cart/" + string.Concat(Enumerable.Repeat("x/", 4000)))?.Service);
        Assert.Equal("shop", table.Match("/shop" + new string('/', 8000))?.Service);
        Assert.Equal("root", table.Match(new string('/', 8000))?.Service);
        Assert.Equal("root", table.Match("/shopcart" + new string('a', 8000))?.Service);
        Assert.Equal("cart", table.Match("/shop/cart")?.Service);
    }

    [Fact]
    public void Match_NoRootRoute_NothingOutsideTheRoutes()
    {
        var table = Table(("shop", "/shop"));

        Assert.Null(table.Match("/other"));
        Assert.Null(table.Match("/"));
        Assert.Equal("shop", table.Match("/shop/x")?.Service);
    }

    [Fact]
    public void Match_RouteGivenTwice_FirstServiceByNameAsInMatchOrder()
    {
        var table = Table(("zeta", "/same"), ("alpha", "/same/"));

        Assert.Equal("alpha", table.Match("/same/x")?.Service);
        Assert.Equal(["alpha", "zeta"], table.Routes.Select(r => r.Service));
    }

    [Fact]
    public void Find_Service_ByNameAfterEveryReplace()
    {
        var table = Table(("shop", "/shop"), ("cart", "/cart"));
        table.Replace([new ServiceRoute("cart", "/basket", [])]);

        Assert.Null(table.Find("shop"));
        Assert.Equal("/basket", table.Find("cart")?.Route);
        Assert.Equal("cart", table.Match("/basket/1")?.Service);
        Assert.Null(table.Match("/cart"));
    }

    /// <summary>The index answers exactly what walking every route in match order answers (as the ingress did).</summary>
    [Fact]
    public void Match_RandomRoutesAndPaths_SameAsTheLinearScan()
    {
        var random = new Random(20261207);
        string[] segments = ["a", "b", "ab", "shop", "s", "api", "v1", ""];
        string RandomPath(int most) => "/" + string.Join('/', Enumerable.Range(0, random.Next(0, most)).Select(_ => segments[random.Next(segments.Length)]));
        for (var round = 0; round < 200; round++)
        {
            var routes = Enumerable.Range(0, random.Next(1, 12))
                .Select(i => new ServiceRoute($"svc-{i}", RandomPath(4) + (random.Next(4) == 0 ? "/" : ""), []))
                .ToList();
            var table = new RoutingTable();
            table.Replace(routes);
            for (var probe = 0; probe < 50; probe++)
            {
                var path = RandomPath(6);
                Assert.Equal(table.Routes.FirstOrDefault(r => r.Matches(path))?.Service, table.Match(path)?.Service);
            }
        }
    }

    private static RoutingTable Table(params (string Service, string Route)[] routes)
    {
        var table = new RoutingTable();
        table.Replace(routes.Select(r => new ServiceRoute(r.Service, r.Route, [])));
        return table;
    }
}
