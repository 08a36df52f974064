using Platform.EdgeRuntime.Capabilities;

namespace Platform.EdgeRuntime.Tests.Capabilities;

public sealed class OutboundHostPolicyTests
{
    [Theory]
    [InlineData("api.example.com", "https://api.example.com/x", true)]
    [InlineData("api.example.com", "http://api.example.com:8080/x", true)]
    [InlineData("api.example.com", "https://evil.example.com/", false)]
    [InlineData("https://api.example.com", "http://api.example.com/", false)]
    [InlineData("https://api.example.com:8443", "https://api.example.com:8443/", true)]
    [InlineData("https://api.example.com", "https://api.example.com:6379/", false)]
    [InlineData("http://127.0.0.1", "http://127.0.0.1/x", true)]
    [InlineData("http://127.0.0.1", "http://127.0.0.1:5080/x", false)]
    [InlineData("https://api.example.com:8443", "https://api.example.com/", false)]
    [InlineData("*.example.com", "https://a.b.example.com/", true)]
    [InlineData("*.example.com", "https://example.com/", false)]
    [InlineData("*.example.com", "https://notexample.com/", false)]
    [InlineData("*", "http://anything.test/", true)]
    [InlineData("api.example.com", "ftp://api.example.com/", false)]
    public void Allows_Entry_MatchesExpected(string entry, string uri, bool expected)
    {
        var policy = new OutboundHostPolicy([entry]);

        Assert.Equal(expected, policy.Allows(new Uri(uri)));
    }

    [Fact]
    public void Allows_NoEntries_RefusesEverything()
    {
        Assert.False(new OutboundHostPolicy([]).Allows(new Uri("https://api.example.com/")));
    }
}
