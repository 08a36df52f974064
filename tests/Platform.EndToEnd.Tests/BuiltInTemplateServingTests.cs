using System.Net;
using System.Text;
using System.Text.Json;
using Platform.Contracts.Services;
using Platform.Contracts.Topics;
using Platform.EndToEnd.Tests.Support;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Every built-in template, created through the API with its defaults, answers real HTTP on every edge node; the event consumer
/// also projects order events published to its topic through the API.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class BuiltInTemplateServingTests(PlatformStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>The topic the event-consumer template consumes with its defaults.</summary>
    private const string ConsumedTopic = "orders";

    public static TheoryData<string> BuiltInTemplates() => new(
        Directory.EnumerateFiles(RepositoryPaths.Templates, "template.toml", SearchOption.AllDirectories)
            .Select(file => Path.GetFileName(Path.GetDirectoryName(file))!)
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(BuiltInTemplates))]
    public async Task CreateService_BuiltInTemplate_EveryEdgeNodeAnswers(string template)
    {
        var name = "e2e-" + template;
        var alice = await stack.SignInAsync("alice");
        // The event consumer's default topic must exist (owned by the service's team) before its first version is published.
        if (template == "order-projection-c") await alice.CreateTopicAsync(new CreateTopicRequest(ConsumedTopic, "payments", "Orders for the built-in consumer."));
        var created = await alice.CreateServiceAsync(new CreateServiceRequest(name, "payments", template, null, $"E2E {template}"));

        var build = await Eventually.UntilAsync(() => alice.BuildAsync(created.Build!.Id), b => b.Status is "succeeded" or "failed", Patience, "the first build");
        Assert.True(build.Status == "succeeded", (await alice.BuildLogAsync(build.Id)).Text);
        if (template == "telemetry-ingest") await ApproveFirstVersionAsync(name, alice, ["events"], []);
        if (template == "order-projection-c") await ApproveFirstVersionAsync(name, alice, ["orders"], [ConsumedTopic]);
        var rollouts = await Eventually.UntilAsync(() => alice.RolloutsAsync(name),
            r => r.Count == 1 && r[0].Phase is "succeeded" or "failed", Patience, "the first rollout");
        Assert.Equal("succeeded", rollouts[0].Phase);
        var service = await alice.ServiceAsync(name);
        Assert.Equal(stack.EdgeUrls.Count, service.Urls.Count);

        using var http = new HttpClient();
        foreach (var url in service.Urls)
        {
            var health = await http.GetAsync(url + "/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("0.1.0", health.Headers.GetValues("x-platform-version").Single());
            Assert.Equal("ok", (await JsonAsync(health)).GetProperty("status").GetString());
            await AssertTemplateBehaviourAsync(template, name, http, url);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(url + "/no-such-route")).StatusCode);
        }
        if (template == "order-projection-c") await AssertProjectionAsync(alice, http, service.Urls);
    }

    /// <summary>
    /// Order events published through the API reach the consumer on the nodes, and each order is served over HTTP. Every
    /// node runs it and they share the topic's consumers, so each event is handled by one of them, whose key-value store
    /// then holds that order: together the nodes hold each order exactly once.
    /// </summary>
    private static async Task AssertProjectionAsync(Platform.Client.PlatformClient alice, HttpClient http, IReadOnlyList<string> urls)
    {
        var orders = new[] { ("e2e-1", "paid", 12.50m), ("e2e-2", "created", 3m), ("e2e-3", "shipped", 99.99m) };
        foreach (var (id, status, amount) in orders)
        {
            var json = $$"""{"id":"{{id}}","status":"{{status}}","amount":{{amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"currency":"EUR"}""";
            await alice.PublishEventAsync(ConsumedTopic, json, key: id, subject: "changed");
        }

        foreach (var (id, status, amount) in orders)
        {
            var found = await Eventually.UntilAsync(async () =>
            {
                var answers = new List<JsonElement>();
                foreach (var url in urls)
                {
                    using var response = await http.GetAsync($"{url}/orders/{id}");
                    if (response.StatusCode == HttpStatusCode.OK) answers.Add(await JsonAsync(response));
                    else Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                }
                return answers;
            }, answers => answers.Count > 0, Patience, $"order {id} on a node");
            var order = Assert.Single(found);
            Assert.Equal((status, amount, "EUR"), (order.GetProperty("status").GetString(), order.GetProperty("amount").GetDecimal(), order.GetProperty("currency").GetString()));
        }
        var held = 0;
        foreach (var url in urls) held += (await JsonAsync(await http.GetAsync(url + "/orders"))).GetProperty("orders").GetInt32();
        Assert.Equal(orders.Length, held);
    }

    /// <summary>
    /// The template declares a key-value store, so its first version waits for a platform admin before any node gets
    /// it: no edge answers for it, not even to the x-platform-version header, until an admin approves the diff.
    /// </summary>
    private async Task ApproveFirstVersionAsync(string name, Platform.Client.PlatformClient alice, string[] stores, string[] consumes)
    {
        var waiting = await Eventually.UntilAsync(() => alice.RolloutsAsync(name),
            r => r.Count == 1 && r[0].Hold is not null, Patience, "the first rollout to await approval");
        Assert.Equal(("pending", true), (waiting[0].Phase, waiting[0].AwaitingApproval));
        Assert.Equal(stores, waiting[0].NewCapabilities!.KeyValueStores);
        Assert.Equal(consumes, waiting[0].NewCapabilities!.ConsumeTopics ?? []);
        using var http = new HttpClient();
        foreach (var edge in stack.EdgeUrls)
        {
            using var pinned = new HttpRequestMessage(HttpMethod.Get, $"{edge}/{name}/healthz") { Headers = { { "x-platform-version", "0.1.0" } } };
            Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(pinned)).StatusCode);
        }
        await (await stack.SignInAsync("admin")).ApproveRolloutAsync(waiting[0].Id);
    }

    private static async Task AssertTemplateBehaviourAsync(string template, string name, HttpClient http, string url)
    {
        switch (template)
        {
            case "http-json-c":
            {
                var root = await JsonAsync(await http.GetAsync(url + "/"));
                Assert.Equal((name, "Hello from the edge"), (root.GetProperty("service").GetString(), root.GetProperty("message").GetString()));
                break;
            }
            case "js-handler":
            {
                var root = await JsonAsync(await http.GetAsync(url + "/"));
                Assert.Equal((name, "Hello from JavaScript at the edge"), (root.GetProperty("service").GetString(), root.GetProperty("message").GetString()));
                var hello = await JsonAsync(await http.GetAsync(url + "/hello?name=Ada%20L"));
                Assert.Equal("Hello, Ada L!", hello.GetProperty("message").GetString());
                break;
            }
            case "wagi-c":
            {
                var response = await http.PostAsync(url + "/echo?x=1&y=two", new StringContent("ignored"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                var echo = await JsonAsync(response);
                Assert.Equal(("POST", "/echo", "x=1&y=two", "Hello from WAGI"),
                    (echo.GetProperty("method").GetString(), echo.GetProperty("path").GetString(), echo.GetProperty("query").GetString(), echo.GetProperty("message").GetString()));
                break;
            }
            case "order-projection-c":
            {
                var root = await JsonAsync(await http.GetAsync(url + "/"));
                Assert.Equal((name, ConsumedTopic), (root.GetProperty("service").GetString(), root.GetProperty("topic").GetString()));
                var nothing = await http.GetAsync(url + "/orders/none-yet");
                Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);
                Assert.Equal("no such order", (await JsonAsync(nothing)).GetProperty("error").GetString());
                break;
            }
            case "telemetry-ingest":
            {
                // Key-value data is local to each node: post and read back on the same node.
                foreach (var body in new[] { """{"type":"click","ts":1732560000,"page":"/"}""", """{"type":"click","ts":1732560001.5}""", """{"type":"view","ts":1732560002,"tags":["a"]}""" })
                    Assert.Equal(HttpStatusCode.Accepted, (await PostJsonAsync(http, url + "/events", body)).StatusCode);
                var counts = await JsonAsync(await http.GetAsync(url + "/counts"));
                Assert.Equal(3, counts.GetProperty("total").GetInt32());
                Assert.Equal((2, 1), (counts.GetProperty("counts").GetProperty("click").GetInt32(), counts.GetProperty("counts").GetProperty("view").GetInt32()));
                var latest = await JsonAsync(await http.GetAsync(url + "/events?limit=1"));
                Assert.Equal("view", latest.GetProperty("events").EnumerateArray().Single().GetProperty("type").GetString());

                var invalid = await PostJsonAsync(http, url + "/events", """{"type":"click","ts":1""");
                Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
                Assert.False(string.IsNullOrEmpty((await JsonAsync(invalid)).GetProperty("error").GetString()));
                var missing = await PostJsonAsync(http, url + "/events", """{"type":"click"}""");
                Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
                Assert.Contains("ts", (await JsonAsync(missing)).GetProperty("error").GetString());
                Assert.Equal(3, (await JsonAsync(await http.GetAsync(url + "/counts"))).GetProperty("total").GetInt32());
                break;
            }
        }
    }

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string url, string body) =>
        http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
