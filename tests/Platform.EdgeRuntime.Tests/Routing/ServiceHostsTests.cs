using Platform.EdgeNode.Routing;

namespace Platform.EdgeRuntime.Tests.Routing;

public sealed class ServiceHostsTests
{
    [Theory]
    [InlineData("shop.localhost", "localhost", "shop")]
    [InlineData("SHOP.Edge.Example.com", "edge.example.com", "shop")]
    [InlineData("shop.edge.example.com.", "edge.example.com", "shop")]
    [InlineData("a.b.localhost", "localhost", "a.b")]
    [InlineData("localhost", "localhost", null)]
    [InlineData("127.0.0.1", "localhost", null)]
    [InlineData("shoplocalhost", "localhost", null)]
    [InlineData(".localhost", "localhost", null)]
    [InlineData("shop.localhost", "", null)]
    [InlineData("shop.localhost", null, null)]
    public void ServiceName_Host_IsTheLabelUnderTheDomain(string host, string? domain, string? expected)
    {
        Assert.Equal(expected, ServiceHosts.ServiceName(host, domain));
    }
}
