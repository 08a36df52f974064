using Platform.Domain.Deployments;
using Platform.Domain.Manifests;
using Platform.Domain.Registry;

namespace Platform.Domain.Tests.Deployments;

/// <summary>What a version declares beyond its stable predecessor, per kind of capability.</summary>
public sealed class CapabilityDiffTests
{
    private static ComponentVersion Version(string[]? hosts = null, string[]? stores = null, string[]? variables = null,
        string[]? publish = null, string[]? consume = null) => new()
    {
        Version = "1.0.0", Digest = "sha256:x", Executor = "component", ManifestText = "", PublishedBy = "user:alice",
        AllowedOutboundHosts = [.. hosts ?? []], KeyValueStores = [.. stores ?? []], DeclaredVariables = [.. variables ?? []],
        PublishTopics = [.. publish ?? []],
        Triggers = [.. (consume ?? []).Select((topic, i) => new TriggerSpec(topic, i % 2 == 0 ? null : "eu.*", 1, 5, 1000, 60_000))],
    };

    public static TheoryData<ComponentVersion, ComponentVersion, string> Cases() => new()
    {
        { Version(), Version(), "" },
        { Version(hosts: ["https://api.example.com"]), Version(hosts: ["HTTPS://API.example.com"]), "" },
        { Version(hosts: ["https://a.example"]), Version(hosts: ["https://a.example", "https://b.example"]), "outbound host https://b.example" },
        { Version(stores: ["carts"]), Version(stores: ["carts", "Carts"]), "key-value store Carts" },
        { Version(variables: ["greeting"]), Version(variables: ["greeting", "token"]), "variable token" },
        { Version(hosts: ["https://a.example"], stores: ["x"], variables: ["v"]), Version(), "" },
        { Version(), Version(hosts: ["*.example.com"], stores: ["s"], variables: ["v"]), "outbound host *.example.com, key-value store s, variable v" },
        { Version(publish: ["orders"]), Version(publish: ["orders", "refunds"]), "publish to topic refunds" },
        { Version(publish: ["orders"]), Version(), "" },
        { Version(consume: ["orders"]), Version(consume: ["orders", "orders"]), "" },
        { Version(consume: ["orders"]), Version(consume: ["orders", "payments"]), "consume topic payments" },
        // Publishing to a topic is not consuming it, and the other way round.
        { Version(publish: ["orders"]), Version(consume: ["orders"]), "consume topic orders" },
        { Version(consume: ["orders"]), Version(publish: ["orders"]), "publish to topic orders" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Between_ListsOnlyWhatTheTargetAdds(ComponentVersion previous, ComponentVersion target, string expected)
    {
        var diff = CapabilityDiff.Between(previous, target);

        Assert.Equal(expected, diff.ToString());
        Assert.Equal(expected.Length == 0, diff.IsEmpty);
    }

    [Fact]
    public void Everything_AFirstVersion_ListsAllItDeclaresByKind()
    {
        var diff = CapabilityDiff.Everything(Version(hosts: ["https://a.example", "https://a.example"], stores: ["events"], variables: ["greeting"],
            publish: ["projections"], consume: ["orders", "orders"]));

        Assert.Equal(["https://a.example"], diff.OutboundHosts);
        Assert.Equal(["events"], diff.KeyValueStores);
        Assert.Equal(["greeting"], diff.Variables);
        Assert.Equal(["projections"], diff.PublishTopics);
        Assert.Equal(["orders"], diff.ConsumeTopics);
        Assert.Equal(["outbound host https://a.example", "key-value store events", "variable greeting", "publish to topic projections", "consume topic orders"],
            diff.Describe());
    }
}
