using Platform.Domain.Manifests;

namespace Platform.Domain.Tests;

public sealed class ManifestTests
{
    [Fact]
    public void Parse_FullManifest_ReadsCapabilitiesVariablesAndLimits()
    {
        var manifest = ManifestParser.Parse("""
            name = "ingest"
            route = "/ingest"
            executor = "component"
            [capabilities]
            allowed_outbound_hosts = ["https://api.example.com"]
            key_value_stores = ["events"]
            [variables]
            greeting = "hi"
            api_key = { secret = true, required = true }
            [limits]
            deadline_ms = 250
            memory_mb = 16
            max_instances = 4
            """);
        Assert.Equal(("ingest", "/ingest", 250, 16, 4), (manifest.Name, manifest.Route, manifest.DeadlineMs, manifest.MemoryMb, manifest.MaxInstances));
        Assert.Equal(["https://api.example.com"], manifest.AllowedOutboundHosts);
        Assert.Equal(new VariableSpec("hi", false, false), manifest.Variables["greeting"]);
        Assert.Equal(new VariableSpec(null, true, true), manifest.Variables["api_key"]);
        Assert.Equal(
            ["config", "key-value", "log", "outbound-http", "types"],
            manifest.GrantedInterfaces().Select(EdgeInterfaces.ShortName).Distinct().Order());
        Assert.Empty(manifest.Triggers);
        Assert.Empty(manifest.PublishTopics);
    }

    [Fact]
    public void Parse_NameOnly_PlatformDefaultsAndLeastPrivilege()
    {
        var manifest = ManifestParser.Parse("name = \"tiny\"");
        Assert.Equal((ServiceManifest.DefaultDeadlineMs, ServiceManifest.DefaultMemoryMb, ServiceManifest.DefaultMaxInstances, "component"),
            (manifest.DeadlineMs, manifest.MemoryMb, manifest.MaxInstances, manifest.Executor));
        Assert.Equal(
            ["platform:edge/log@0.1.0", "platform:edge/log@0.2.0", "platform:edge/log@0.3.0", "platform:edge/types@0.1.0", "platform:edge/types@0.2.0", "platform:edge/types@0.3.0"],
            manifest.GrantedInterfaces().Order());
    }

    [Theory]
    [InlineData("name = ", "manifest")]
    [InlineData("route = \"/x\"", "manifest.name")]
    [InlineData("name = \"Bad Name\"", "manifest.name")]
    [InlineData("name = \"x1\"\nexecutor = \"docker\"", "manifest.executor")]
    [InlineData("name = \"x1\"\nroute = \"nope\"", "manifest.route")]
    [InlineData("name = \"x1\"\n[limits]\ndeadline_ms = 0", "manifest.limits.deadline_ms")]
    [InlineData("name = \"x1\"\n[limits]\nmemory_mb = 4096", "manifest.limits.memory_mb")]
    [InlineData("name = \"x1\"\n[limits]\nmemory_mb = \"big\"", "manifest.memory_mb")]
    [InlineData("name = \"x1\"\n[limits]\nmax_instances = 0", "manifest.limits.max_instances")]
    [InlineData("name = \"x1\"\n[limits]\nmax_instances = 257", "manifest.limits.max_instances")]
    [InlineData("name = \"x1\"\n[capabilities]\nallowed_outbound_hosts = [\"*\"]", "manifest.capabilities.allowed_outbound_hosts")]
    [InlineData("name = \"x1\"\n[capabilities]\nkey_value_stores = [1]", "manifest.capabilities.key_value_stores")]
    [InlineData("name = \"x1\"\n[variables]\nBad = \"x\"", "manifest.variables.Bad")]
    public void Parse_Invalid_ErrorNamesTheKey(string toml, string field)
    {
        var error = Assert.Throws<DomainException>(() => ManifestParser.Parse(toml));
        Assert.Equal(field, error.Field);
    }
}
