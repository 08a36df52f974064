using Platform.EdgeNode.Routing;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Routing;

[Collection(EdgeCollection.Name)]
public sealed class ServiceRouteTests(EdgeFixture edge)
{
    /// <summary>weights of 1.0.0 / 2.0.0, header pin, sticky key, cookie → expected version ("*" = either), cookie issued.</summary>
    public static TheoryData<int, int, string?, string?, string?, string?, bool> Cases => new()
    {
        { 100, 0, null, null, null, "1.0.0", false },
        { 0, 100, null, null, null, "2.0.0", false },
        { 50, 50, null, null, null, "*", true },
        { 100, 0, "2.0.0", null, null, "2.0.0", false },
        { 50, 50, "9.9.9", null, null, null, false },
        { 90, 10, "1.0.0", "any-key", "2.0.0", "1.0.0", false },
        { 90, 10, null, null, "2.0.0", "2.0.0", false },
        { 100, 0, null, null, "2.0.0", "1.0.0", false },
        { 50, 50, null, null, "3.0.0", "*", true },
        { 0, 0, null, null, null, null, false },
        { 0, 0, null, "key", "1.0.0", null, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Choose_Preference_PicksExpectedVersionAndCookie(int weight1, int weight2, string? pinned, string? key, string? cookie, string? expected, bool issueCookie)
    {
        var route = Route(weight1, weight2);

        var choice = route.Choose(new VersionPreference(pinned, key, cookie), new Random(7));

        if (expected == "*")
        {
            Assert.Contains(choice.Version?.Version, new[] { "1.0.0", "2.0.0" });
        }
        else
        {
            Assert.Equal(expected, choice.Version?.Version);
        }
        Assert.Equal(issueCookie, choice.IssueCookie);
    }

    [Fact]
    public void Choose_SameStickyKeyAndWeights_AlwaysSameVersionAndKeysSpreadOverBoth()
    {
        var route = Route(50, 50);
        var random = new Random(1);

        var repeated = Enumerable.Range(0, 50).Select(_ => route.Choose(new VersionPreference(StickyKey: "user-42"), random).Version!.Version).Distinct().ToList();
        var rebuilt = Route(50, 50).Choose(new VersionPreference(StickyKey: "user-42"), random).Version!.Version;
        var spread = Enumerable.Range(0, 200).Select(i => route.Choose(new VersionPreference(StickyKey: $"user-{i}"), random).Version!.Version).ToList();

        Assert.Equal(rebuilt, Assert.Single(repeated));
        Assert.InRange(spread.Count(v => v == "2.0.0"), 60, 140);
    }

    [Fact]
    public void StickyCookie_Version_HasServiceNameRoutePathAndFlags()
    {
        var route = Route(50, 50);

        var cookie = route.StickyCookie(route.Versions[1].Loaded, route.Route);

        Assert.Equal("platform-version-sticky=2.0.0; Path=/sticky; HttpOnly; SameSite=Lax", cookie);
    }

    private ServiceRoute Route(int weight1, int weight2) =>
        new("sticky", "/sticky", [new RoutedVersion(Load("1.0.0"), weight1), new RoutedVersion(Load("2.0.0"), weight2)]);

    private EdgeRuntime.Execution.LoadedVersion Load(string version) => edge.LoadVersion("hello", "sticky", version);
}
