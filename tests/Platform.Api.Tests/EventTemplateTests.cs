using System.Net;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Services;
using Platform.Domain.Manifests;

namespace Platform.Api.Tests;

/// <summary>
/// The built-in event templates as the API serves and renders them: the order projection consumes the topic its form names
/// (triggers in the manifest, the retry from the form, the event export in the source), and telemetry-ingest declares a
/// publish topic only when given one (the default publishes nothing, so it needs no topic to exist).
/// </summary>
public sealed class EventTemplateTests(ApiFactory api) : ApiTest(api)
{
    private static CreateServiceRequest Request(string template, Dictionary<string, string?>? parameters = null) =>
        new("from-" + template, "payments", template, null, "Built from " + template, parameters);

    [Fact]
    public async Task Templates_List_ShowsTheConsumerAndTheTelemetryVersionThatPublishes()
    {
        var templates = await (await Api.SignInAsync("alice")).TemplatesAsync();

        var consumer = Assert.Single(templates, t => t.Name == "order-projection-c");
        Assert.Equal(("1.0.0", "platform"), (consumer.LatestVersion, consumer.OwnerTeam));
        Assert.Equal("1.1.0", Assert.Single(templates, t => t.Name == "telemetry-ingest").LatestVersion);
    }

    [Fact]
    public async Task DryRun_OrderProjection_TriggersOnTheTopicOfTheForm()
    {
        var alice = await Api.SignInAsync("alice");
        var preview = await alice.PreviewServiceAsync(Request("order-projection-c",
            new() { ["orders_topic"] = "shop-orders", ["max_attempts"] = "3" }));

        var manifest = ManifestParser.Parse(File(preview, ServiceManifest.FileName));
        var trigger = Assert.Single(manifest.Triggers);
        Assert.Equal(("shop-orders", (string?)null, 3, 1000), (trigger.Topic, trigger.Filter, trigger.MaxAttempts, trigger.BackoffMs));
        Assert.Equal(["orders"], manifest.KeyValueStores);
        Assert.Empty(manifest.PublishTopics);
        Assert.Contains("const char *platform_handle_event(const pe_event *event)", File(preview, "src/main.c"));
        Assert.Contains("#define TOPIC \"shop-orders\"", File(preview, "src/main.c"));
        Assert.Contains("dead.from-order-projection-c.shop-orders", File(preview, "README.md"));
        Assert.Contains(preview.Files, f => f.Path == "platform/events/platform_edge_events.c");
        Assert.Empty(await alice.ServicesAsync());
    }

    [Theory]
    [InlineData("orders_topic", "Orders.EU")]
    [InlineData("orders_topic", "orders--eu")]
    [InlineData("max_attempts", "21")]
    public async Task Create_OrderProjectionWithBadParameter_ValidationProblemNamesIt(string parameter, string value)
    {
        var alice = await Api.SignInAsync("alice");
        var error = await Assert.ThrowsAsync<PlatformApiException>(() =>
            alice.CreateServiceAsync(Request("order-projection-c", new() { [parameter] = value })));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal([$"parameters.{parameter}"], error.Problem.Errors!.Keys);
        Assert.Empty(await alice.ServicesAsync());
    }

    [Fact]
    public async Task DryRun_TelemetryIngestWithoutTopic_DeclaresAndPublishesNothing()
    {
        var preview = await (await Api.SignInAsync("alice")).PreviewServiceAsync(Request("telemetry-ingest"));

        Assert.Empty(ManifestParser.Parse(File(preview, ServiceManifest.FileName)).PublishTopics);
        Assert.DoesNotContain("#define EVENTS_TOPIC", File(preview, "src/main.c"));
        Assert.Contains("This service publishes nothing", File(preview, "README.md"));
        Assert.DoesNotContain(preview.Files, f => f.Content.Contains("{% ", StringComparison.Ordinal) && !f.Path.StartsWith("platform/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DryRun_TelemetryIngestWithTopic_DeclaresItAndDefinesIt()
    {
        var preview = await (await Api.SignInAsync("alice")).PreviewServiceAsync(Request("telemetry-ingest",
            new() { ["events_topic"] = "telemetry-out" }));

        var manifest = ManifestParser.Parse(File(preview, ServiceManifest.FileName));
        Assert.Equal(["telemetry-out"], manifest.PublishTopics);
        Assert.Equal(["events"], manifest.KeyValueStores);
        Assert.Contains("#define EVENTS_TOPIC \"telemetry-out\"", File(preview, "src/main.c"));
        Assert.Contains("published to the topic `telemetry-out`", File(preview, "README.md"));
    }

    private static string File(ServicePreviewDto preview, string path) => Assert.Single(preview.Files, f => f.Path == path).Content;
}
