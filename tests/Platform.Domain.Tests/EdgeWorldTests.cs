using Platform.Contracts.Registry;
using Platform.Domain.Manifests;

namespace Platform.Domain.Tests;

/// <summary>One list of platform:edge versions for the control plane and the nodes, and which version added what.</summary>
public sealed class EdgeWorldTests
{
    [Fact]
    public void InEveryVersion_InterfaceOfTheFirstVersion_NamedInEachCurrentFirst()
    {
        Assert.Equal(["platform:edge/key-value@0.3.0", "platform:edge/key-value@0.2.0", "platform:edge/key-value@0.1.0"], EdgeWorld.InEveryVersion(EdgeInterfaces.KeyValue));
        Assert.Equal(EdgeWorld.InEveryVersion(EdgeInterfaces.Handler), EdgeInterfaces.AllVersions(EdgeInterfaces.Handler));
    }

    [Fact]
    public void InEveryVersion_InterfaceAddedLater_OnlyFromTheVersionThatAddedIt()
    {
        Assert.Equal(["platform:edge/events@0.3.0", "platform:edge/events@0.2.0"], EdgeWorld.InEveryVersion(EdgeInterfaces.Events));
        Assert.Equal(["platform:edge/publisher@0.3.0", "platform:edge/publisher@0.2.0"], EdgeWorld.InEveryVersion(EdgeWorld.Qualified("publisher", "0.1.0")));
    }

    [Fact]
    public void NameOf_QualifiedName_IsTheInterfaceAlone()
    {
        Assert.Equal("outbound-http", EdgeWorld.NameOf(EdgeInterfaces.OutboundHttp));
        Assert.Equal(EdgeWorld.Current, EdgeInterfaces.PackageVersion);
    }

    [Theory]
    [InlineData("0.1.0", false)]
    [InlineData("0.2.0", false)]
    [InlineData("0.3.0", true)]
    public void HasContentVariant_FromTheVersionThatMadeBytesAVariant(string version, bool expected)
    {
        Assert.Equal(expected, EdgeWorld.HasContentVariant(version));
        Assert.Equal(version, EdgeWorld.VersionOf(EdgeWorld.Qualified("handler", version)));
    }
}
