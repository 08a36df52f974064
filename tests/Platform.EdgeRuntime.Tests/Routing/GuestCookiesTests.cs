using Platform.EdgeRuntime.Cookies;

namespace Platform.EdgeRuntime.Tests.Routing;

public sealed class GuestCookiesTests
{
    [Theory]
    [InlineData("a=1", "a=1; Path=/shop")]
    [InlineData("a=1; Path=/", "a=1; Path=/shop")]
    [InlineData("a=1; path=/other; HttpOnly", "a=1; HttpOnly; Path=/shop")]
    [InlineData("a=1; Domain=localhost; Secure", "a=1; Secure; Path=/shop")]
    [InlineData("a=1; Path=/; Domain=.example.com; Path=/x", "a=1; Path=/shop")]
    [InlineData("platform-version-shop=2.0.0; Path=/shop", null)]
    [InlineData(" Platform-Version-other=1.0.0", null)]
    [InlineData("platform-version-shop", null)]
    [InlineData("platform-anything=x", null)]
    public void Confine_SharedHost_ForcesRoutePathDropsDomainAndPlatformCookies(string setCookie, string? expected)
    {
        Assert.Equal(expected, GuestCookies.Confine(setCookie, CookieScope.SharedHost("/shop")));
    }

    [Theory]
    [InlineData("a=1; Path=/cart", "a=1; Path=/cart")]
    [InlineData("a=1; Domain=localhost", "a=1")]
    [InlineData("a=1; Domain=other.localhost", "a=1")]
    [InlineData("a=1; Domain=.shop.localhost; Path=/", "a=1; Domain=.shop.localhost; Path=/")]
    [InlineData("a=1; Domain=SHOP.localhost", "a=1; Domain=SHOP.localhost")]
    [InlineData("platform-version-shop=1.0.0; Path=/", null)]
    public void Confine_OwnHost_KeepsPathAndOnlyItsOwnDomain(string setCookie, string? expected)
    {
        Assert.Equal(expected, GuestCookies.Confine(setCookie, CookieScope.OwnHost("shop.localhost")));
    }

    [Fact]
    public void Confine_Headers_RewritesEverySetCookieAndLeavesOthers()
    {
        IReadOnlyList<KeyValuePair<string, string>> headers =
            [new("content-type", "text/plain"), new("Set-Cookie", "a=1; Path=/"), new("set-cookie", "platform-version-x=1"), new("set-cookie", "b=2")];

        var confined = GuestCookies.Confine(headers, CookieScope.SharedHost("/jar"));

        Assert.Equal([new("content-type", "text/plain"), new("Set-Cookie", "a=1; Path=/jar"), new("set-cookie", "b=2; Path=/jar")], confined);
    }

    [Fact]
    public void StripReserved_CookieHeader_RemovesOnlyPlatformCookies()
    {
        IReadOnlyList<KeyValuePair<string, string>> headers =
            [new("cookie", "a=1; platform-version-shop=2.0.0; b=2"), new("cookie", "platform-version-x=1"), new("accept", "*/*")];

        var stripped = GuestCookies.StripReserved(headers);

        Assert.Equal([new("cookie", "a=1; b=2"), new("accept", "*/*")], stripped);
    }

    [Fact]
    public void StripReserved_NoPlatformCookie_ReturnsSameList()
    {
        IReadOnlyList<KeyValuePair<string, string>> headers = [new("cookie", "a=1"), new("accept", "*/*")];

        Assert.Same(headers, GuestCookies.StripReserved(headers));
    }
}
