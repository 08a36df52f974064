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

    /// <summary>
    /// Routes swapped in and services dropped one change at a time (<see cref="RoutingTable.Apply"/>) leave the table
    /// answering exactly as one built whole from the same routes: match order, every path's route (routes given twice, the
    /// root route coming and going included), every service by name.
    /// </summary>
    [Fact]
    public void Apply_RandomChanges_SameAsATableBuiltWhole()
    {
        var random = new Random(20261208);
        string[] segments = ["a", "b", "ab", "shop", "s", ""];
        string RandomPath(int most) => "/" + string.Join('/', Enumerable.Range(0, random.Next(0, most)).Select(_ => segments[random.Next(segments.Length)]));
        var table = new RoutingTable();
        var routes = new Dictionary<string, ServiceRoute>();
        var raised = 0;
        table.Changed += () => raised++;
        for (var round = 0; round < 300; round++)
        {
            var swapped = Enumerable.Range(0, random.Next(0, 4))
                .Select(_ => new ServiceRoute($"svc-{random.Next(16)}", RandomPath(3) + (random.Next(4) == 0 ? "/" : ""), []))
                .DistinctBy(r => r.Service).ToList();
            var removed = Enumerable.Range(0, random.Next(0, 3)).Select(_ => $"svc-{random.Next(16)}")
                .Where(name => swapped.All(r => r.Service != name)).Distinct().ToList();
            var before = raised;
            table.Apply(swapped, removed);
            Assert.Equal(swapped.Count + removed.Count > 0 ? before + 1 : before, raised);
            foreach (var name in removed) routes.Remove(name);
            foreach (var route in swapped) routes[route.Service] = route;

            var whole = new RoutingTable();
            whole.Replace(routes.Values);
            Assert.Equal(whole.Routes, table.Routes);
            foreach (var name in Enumerable.Range(0, 16).Select(i => $"svc-{i}")) Assert.Same(whole.Find(name), table.Find(name));
            for (var probe = 0; probe < 30; probe++)
            {
                var path = RandomPath(5);
                Assert.Same(whole.Match(path), table.Match(path));
            }
        }
        // Many routes at once (a node's first state) are swapped in by building the snapshot whole: the same answers.
        var many = Enumerable.Range(0, 100).Select(i => new ServiceRoute($"svc-{i}", RandomPath(4), [])).ToList();
        table.Apply(many, []);
        foreach (var route in many) routes[route.Service] = route;
        var rebuilt = new RoutingTable();
        rebuilt.Replace(routes.Values);
        Assert.Equal(rebuilt.Routes, table.Routes);
        for (var probe = 0; probe < 200; probe++)
        {
            var path = RandomPath(5);
            Assert.Same(rebuilt.Match(path), table.Match(path));
        }
    }

    private static RoutingTable Table(params (string Service, string Route)[] routes)
    {
        var table = new RoutingTable();
        table.Replace(routes.Select(r => new ServiceRoute(r.Service, r.Route, [])));
        return table;
    }
}
