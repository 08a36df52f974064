using Platform.Domain.Manifests;

namespace Platform.Domain.Tests;

/// <summary>[[triggers]] and publish_topics in platform.toml: defaults, ranges, and every error naming its key.</summary>
public sealed class TriggerManifestTests
{
    private const string Name = "name = \"projector\"\n";

    [Fact]
    public void Parse_TriggersAndPublishTopics_ReadWithDefaults()
    {
        var manifest = ManifestParser.Parse(Name + """
            [capabilities]
            publish_topics = ["order-projections"]

            [[triggers]]
            topic = "orders"
            filter = "eu.*"
            max_in_flight = 4
            retry = { max_attempts = 7, backoff_ms = 500, max_backoff_ms = 30000 }

            [[triggers]]
            topic = "refunds"
            """);

        Assert.Equal(["order-projections"], manifest.PublishTopics);
        Assert.Equal(
            [new TriggerSpec("orders", "eu.*", 4, 7, 500, 30_000), new TriggerSpec("refunds", null, 1, 5, 1000, 60_000)],
            manifest.Triggers);
    }

    [Fact]
    public void Parse_InlineTriggerList_ReadAsWell()
    {
        var manifest = ManifestParser.Parse(Name + "triggers = [{ topic = \"orders\", filter = \"orders.>\" }]");
        Assert.Equal([new TriggerSpec("orders", "orders.>", 1, 5, 1000, 60_000)], manifest.Triggers);
    }

    [Fact]
    public void GrantedInterfaces_PublishTopics_GrantThePublisher_OtherwiseNot()
    {
        var publishing = ManifestParser.Parse(Name + "[capabilities]\npublish_topics = [\"orders\"]");
        var consuming = ManifestParser.Parse(Name + "[[triggers]]\ntopic = \"orders\"");

        Assert.Contains(EdgeInterfaces.Publisher, publishing.GrantedInterfaces());
        Assert.DoesNotContain(EdgeInterfaces.Publisher, consuming.GrantedInterfaces());
        // Events is an export, never granted as an import.
        Assert.DoesNotContain(EdgeInterfaces.Events, consuming.GrantedInterfaces());
    }

    [Fact]
    public void GrantedInterfaces_EveryInterfaceUnderEveryVersion()
    {
        var manifest = ManifestParser.Parse(Name + "[capabilities]\nkey_value_stores = [\"carts\"]");
        var granted = manifest.GrantedInterfaces();
        Assert.Contains("platform:edge/key-value@0.1.0", granted);
        Assert.Contains("platform:edge/key-value@0.2.0", granted);
        Assert.Contains("platform:edge/key-value@0.3.0", granted);
        Assert.DoesNotContain("platform:edge/config@0.1.0", granted);
    }

    [Theory]
    [InlineData("[capabilities]\npublish_topics = [\"Orders\"]", "manifest.capabilities.publish_topics")]
    [InlineData("[capabilities]\npublish_topics = [\"orders\", \"orders\"]", "manifest.capabilities.publish_topics")]
    [InlineData("[capabilities]\npublish_topics = \"orders\"", "manifest.capabilities.publish_topics")]
    [InlineData("triggers = \"orders\"", "manifest.triggers")]
    [InlineData("triggers = [\"orders\"]", "manifest.triggers[0]")]
    [InlineData("[[triggers]]\nfilter = \"eu.*\"", "manifest.triggers[0].topic")]
    [InlineData("[[triggers]]\ntopic = 7", "manifest.triggers[0].topic")]
    [InlineData("[[triggers]]\ntopic = \"no_slug\"", "manifest.triggers[0].topic")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nfilter = \"EU.*\"", "manifest.triggers[0].filter")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nfilter = \"eu.>.x\"", "manifest.triggers[0].filter")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nfilter = \"\"", "manifest.triggers[0].filter")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nmax_in_flight = 0", "manifest.triggers[0].max_in_flight")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nmax_in_flight = 9", "manifest.triggers[0].max_in_flight")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nmax_in_flight = 99999999999", "manifest.triggers[0].max_in_flight")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nmax_in_flight = \"4\"", "manifest.triggers[0].max_in_flight")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nretry = 3", "manifest.triggers[0].retry")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nretry = { max_attempts = 0 }", "manifest.triggers[0].retry.max_attempts")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nretry = { max_attempts = 21 }", "manifest.triggers[0].retry.max_attempts")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nretry = { backoff_ms = 9 }", "manifest.triggers[0].retry.backoff_ms")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nretry = { backoff_ms = 60001, max_backoff_ms = 70000 }", "manifest.triggers[0].retry.backoff_ms")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nretry = { backoff_ms = 2000, max_backoff_ms = 1000 }", "manifest.triggers[0].retry.max_backoff_ms")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nretry = { max_backoff_ms = 600001 }", "manifest.triggers[0].retry.max_backoff_ms")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\n[[triggers]]\ntopic = \"refunds\"\nmax_in_flight = -1", "manifest.triggers[1].max_in_flight")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\nfilter = \"eu.*\"\n[[triggers]]\ntopic = \"orders\"\nfilter = \"eu.*\"", "manifest.triggers[1].filter")]
    [InlineData("[[triggers]]\ntopic = \"orders\"\n[[triggers]]\ntopic = \"orders\"", "manifest.triggers[1].filter")]
    [InlineData("executor = \"wagi\"\n[[triggers]]\ntopic = \"orders\"", "manifest.triggers")]
    [InlineData("executor = \"wagi\"\n[capabilities]\npublish_topics = [\"orders\"]", "manifest.capabilities.publish_topics")]
    public void Parse_Invalid_ErrorNamesTheKey(string toml, string field)
    {
        var error = Assert.Throws<DomainException>(() => ManifestParser.Parse(Name + toml));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Parse_SameTopicWithOtherFilters_Accepted_AtTheLimits()
    {
        var manifest = ManifestParser.Parse(Name + """
            [[triggers]]
            topic = "orders"
            filter = "eu.*"
            max_in_flight = 8
            retry = { max_attempts = 20, backoff_ms = 60000, max_backoff_ms = 600000 }
            [[triggers]]
            topic = "orders"
            filter = "us.>"
            max_in_flight = 1
            retry = { max_attempts = 1, backoff_ms = 10, max_backoff_ms = 10 }
            """);
        Assert.Equal(2, manifest.Triggers.Count);
    }

    [Fact]
    public void Parse_WagiWithTriggers_MessageSaysWhy()
    {
        var error = Assert.Throws<DomainException>(() => ManifestParser.Parse(Name + "executor = \"wagi\"\n[[triggers]]\ntopic = \"orders\""));
        Assert.Contains("component executor", error.Message);
    }
}
