using Platform.Domain.Settings;

namespace Platform.Domain.Tests.Settings;

/// <summary>The admins' capability policy: networks in CIDR notation, errors naming the entry.</summary>
public sealed class CapabilitySettingsTests
{
    [Fact]
    public void TryCreate_Defaults_ApprovalOnAndNoNetwork()
    {
        var settings = CapabilitySettings.TryCreate(null, null, new ValidationErrors())!;

        Assert.Equal((true, 0), (settings.ApproveFirstVersions, settings.AllowedOutboundNetworks.Count));
    }

    [Fact]
    public void TryCreate_ValidNetworks_CanonicalAndDeduplicated()
    {
        var settings = CapabilitySettings.TryCreate(false, [" 127.0.0.0/8", "FD00:0::/8", "127.0.0.0/8", "10.1.2.3/32"], new ValidationErrors())!;

        Assert.False(settings.ApproveFirstVersions);
        Assert.Equal(["127.0.0.0/8", "fd00::/8", "10.1.2.3/32"], settings.AllowedOutboundNetworks);
    }

    [Theory]
    [InlineData("127.0.0.1", "allowedOutboundNetworks[1]", "is not a network in CIDR notation")]
    [InlineData("10.0.0.1/8", "allowedOutboundNetworks[1]", "write the network itself, e.g. '10.0.0.0/8'")]
    [InlineData("10.0.0.0/33", "allowedOutboundNetworks[1]", "is not a network in CIDR notation")]
    [InlineData("localhost/8", "allowedOutboundNetworks[1]", "is not a network in CIDR notation")]
    public void TryCreate_InvalidNetwork_ErrorNamesTheEntry(string network, string field, string message)
    {
        var errors = new ValidationErrors();

        Assert.Null(CapabilitySettings.TryCreate(true, ["192.168.0.0/16", network], errors));

        Assert.Contains(message, Assert.Single(errors.ToDictionary()[field]));
    }
}
