using System.Net;
using Platform.EdgeRuntime.Capabilities;

namespace Platform.EdgeRuntime.Tests.Capabilities;

/// <summary>Which resolved addresses outbound HTTP refuses, in IPv4 and IPv6 forms, and what an allowed network lets through.</summary>
public sealed class SpecialAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback (IPv4 127.0.0.1 inside IPv6)")]
    [InlineData("::127.0.0.1", "loopback (IPv4 127.0.0.1 inside IPv6)")]
    [InlineData("64:ff9b::7f00:1", "loopback (IPv4 127.0.0.1 inside IPv6)")]
    [InlineData("2002:a9fe:a9fe::1", "cloud metadata (IPv4 169.254.169.254 inside IPv6)")]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("fd00:ec2::254", "cloud metadata")]
    [InlineData("169.254.10.1", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "shared (carrier-grade NAT)")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("2001:0:4136:e378::1", "Teredo tunnel")]
    [InlineData("93.184.216.34", null)]
    [InlineData("172.32.0.1", null)]
    [InlineData("100.128.0.1", null)]
    [InlineData("2606:4700::1111", null)]
    [InlineData("::ffff:8.8.8.8", null)]
    [InlineData("64:ff9b::808:808", null)]
    public void Refuses_WithoutAllowedNetworks_NamesTheKind(string address, string? kind)
    {
        Assert.Equal(kind, new OutboundNetworkPolicy().Refuses(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("::1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("10.9.0.1", true)]
    [InlineData("169.254.169.254", false)]
    public void Refuses_AllowedNetworks_LetOnlyThemThrough(string address, bool allowed)
    {
        var policy = new OutboundNetworkPolicy(["127.0.0.0/8", "10.9.0.0/16", "not a network"]);

        Assert.Equal(allowed, policy.Refuses(IPAddress.Parse(address)) is null);
    }
}
