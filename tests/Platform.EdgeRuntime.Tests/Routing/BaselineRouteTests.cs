using Platform.Contracts.Nodes;
using Platform.EdgeNode.Routing;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Routing;

/// <summary>How a request finds the baseline copy of stable: by weight only, never by name.</summary>
[Collection(EdgeCollection.Name)]
public sealed class BaselineRouteTests(EdgeFixture edge)
{
    [Fact]
    public void Choose_StableCookie_SharedBetweenStableAndItsCopyByTheirWeights()
    {
        var route = Route(stable: 60, canary: 20, baseline: 20);
        var random = new Random(13);

        var picks = Enumerable.Range(0, 4_000).Select(_ => route.Choose(new VersionPreference(CookieVersion: "1.0.0"), random)).ToList();

        Assert.All(picks, p => Assert.Equal(("1.0.0", false), (p.Version!.Version, p.IssueCookie)));
        var onCopy = picks.Count(p => p.Version!.Role == VersionRole.Baseline);
        Assert.InRange(onCopy, 850, 1_150); // a quarter of stable's clients' requests, like 20 of its 80
    }

    [Fact]
    public void Choose_PinnedStable_NeverTheCopyEvenWhenStableHasNoWeight()
    {
        var route = Route(stable: 0, canary: 50, baseline: 50);

        var pinned = route.Choose(new VersionPreference(Pinned: "1.0.0"), new Random(1));

        Assert.Equal(VersionRole.Serving, pinned.Version!.Role);
        Assert.Null(route.Choose(new VersionPreference(Pinned: "1.0.0 (baseline)"), new Random(1)).Version);
    }

    [Fact]
    public void StickyCookie_OfTheCopy_NamesStable()
    {
        var route = Route(stable: 60, canary: 20, baseline: 20);

        Assert.Equal("platform-version-shop=1.0.0; Path=/shop; HttpOnly; SameSite=Lax", route.StickyCookie(route.Versions[2].Loaded, "/shop"));
    }

    private ServiceRoute Route(int stable, int canary, int baseline) =>
        new("shop", "/shop", [new RoutedVersion(Load("1.0.0", VersionRole.Serving), stable), new RoutedVersion(Load("2.0.0", VersionRole.Serving), canary),
            new RoutedVersion(Load("1.0.0", VersionRole.Baseline), baseline)]);

    private LoadedVersion Load(string version, VersionRole role) => edge.LoadVersion("hello", "shop", version, role);
}
