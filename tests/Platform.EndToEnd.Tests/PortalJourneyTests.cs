using System.Text.Json;
using Microsoft.Playwright;
using Platform.EndToEnd.Tests.Support;
using Platform.Testing;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests;

/// <summary>People using the portal in Chromium, against the real processes. Screenshots: artifacts/e2e/screenshots.</summary>
[Collection(StackCollection.Name)]
public sealed class PortalJourneyTests(PlatformStack stack)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 120_000 };

    [Fact]
    public async Task Developer_CreatesServiceInWizard_SeesItRunningAndItAnswersOnTheEdge()
    {
        await using var browser = await Browser.LaunchAsync("create-service");
        var page = browser.Page;

        await browser.SignInAsync(stack.PortalUrl, "alice", "wrong-password");
        await Expect(page.GetByTestId("signin-message")).ToContainTextAsync("The user name or password is wrong.");
        await browser.ScreenshotAsync("signin-refused");
        await browser.SignInAsync(stack.PortalUrl, "alice", "platform-demo");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("template-card-http-json-c")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("template-card-order-projection-c")).ToContainTextAsync("Order projection in C (event consumer)");
        await browser.ScreenshotAsync("gallery");

        await page.GetByTestId("create-http-json-c").ClickAsync();
        await browser.WaitUntilInteractiveAsync();
        await page.GetByTestId("field-name").FillAsync("Not A Name");
        await page.GetByTestId("wizard-next").ClickAsync();
        await Expect(page.GetByText("lower-case letters").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("invalid-name");

        await page.GetByTestId("field-name").FillAsync("portal-greeter");
        await page.GetByTestId("field-description").FillAsync("Created in the portal journey.");
        await page.GetByTestId("wizard-next").ClickAsync();
        await page.GetByTestId("field-param-greeting").FillAsync("Hello <script>");
        await page.GetByTestId("wizard-preview").ClickAsync();
        await Expect(page.GetByText("Letters, digits, spaces and simple punctuation only.").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("invalid-parameter");

        await page.GetByTestId("field-param-greeting").FillAsync("Hello from the portal");
        await page.GetByTestId("wizard-preview").ClickAsync();
        await page.GetByTestId("preview-file-src/main.c").ClickAsync();
        await Expect(page.GetByTestId("preview-content")).ToContainTextAsync("#define GREETING \"Hello from the portal\"");
        await browser.ScreenshotAsync("preview");

        await page.GetByTestId("wizard-create").ClickAsync();
        await page.WaitForURLAsync("**/services/portal-greeter");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("build-log")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("building");
        await Expect(page.Locator("[data-testid=service-status]:has-text('running')")).ToBeVisibleAsync(Slow);
        await Expect(page.GetByTestId("service-url")).ToHaveCountAsync(stack.EdgeUrls.Count);
        await Expect(page.GetByTestId("stable-version")).ToContainTextAsync("0.1.0");
        await Expect(page.GetByTestId("build-log")).ToContainTextAsync("Published portal-greeter 0.1.0");
        await browser.ScreenshotAsync("running");

        // One trace from the click to the nodes: the portal's Create, the API's request, the build and rollout jobs, and
        // each edge node loading the new version under the rollout pass that placed it.
        foreach (var applied in await Traces.EdgeAppliedAsync(stack, "portal-greeter", "0.1.0"))
        {
            var path = await Traces.PathToRootAsync(stack, applied);
            Assert.True(path[^1].ParentSpanId is null, $"the path from {applied} ends at a root: {string.Join(" <- ", path)}");
            Assert.Equal(["platform-edge", "platform-deployer", "platform-api", "platform-portal"], Traces.Services(path));
            Assert.Equal("rollout.pass", path[1].Name);
            Assert.Contains(path, s => s.Service == "platform-deployer" && s.Name.Contains("RunRolloutJob", StringComparison.Ordinal));
            Assert.Contains(path, s => s.Service == "platform-deployer" && s.Name.Contains("RunBuildJob", StringComparison.Ordinal));
            Assert.Contains(path, s => s.Service == "platform-api" && s.Name.TrimEnd('/') == "POST /api/v1/services");
            Assert.True(path[^1].Name.StartsWith("Event ", StringComparison.Ordinal), $"the trace starts at the click (a Blazor event span), not at {path[^1]}");
            Assert.Equal(("true", "100"), (applied.Attribute("platform.edge.serving"), applied.Attribute("platform.edge.weight")));
        }
        // The service page links the build and the rollout to that trace.
        var clickTrace = Assert.Single((await Traces.EdgeAppliedAsync(stack, "portal-greeter", "0.1.0")).Select(s => s.TraceId).Distinct());
        var traceLink = $"{PlatformStack.TraceViewerUrl}/traces/detail/{clickTrace}";
        await Expect(page.GetByTestId("build-trace")).ToHaveAttributeAsync("href", traceLink);
        await Expect(page.GetByTestId("rollout-0.1.0").GetByTestId("rollout-trace")).ToHaveAttributeAsync("href", traceLink);

        // A request to the service is a trace of its own, and the guest takes part in it: its run is a span of the
        // request's trace and its log line carries that trace id.
        var url = await page.GetByTestId("service-url").First.GetAttributeAsync("href");
        var requestTrace = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url + "/");
        request.Headers.Add("traceparent", $"00-{requestTrace}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var answer = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal("Hello from the portal", json.RootElement.GetProperty("message").GetString());
        await Poll.UntilAsync(() => stack.Telemetry.Logs.Any(l => l.TraceId == requestTrace && l.Service == "platform-edge"
                && (l.Body + string.Join(" ", l.Attributes.Values)).Contains("\"status\":200", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the guest's log line of the request, in the request's trace");
        // Spans and logs are exported in batches of their own: the span may come after the log line.
        await Poll.UntilAsync(() => stack.Telemetry.Trace(requestTrace).Any(s => s.Name == "guest portal-greeter"),
            TimeSpan.FromSeconds(30), "the guest's span, in the request's trace");
        var guest = Assert.Single(stack.Telemetry.Trace(requestTrace), s => s.Name == "guest portal-greeter");
        Assert.Equal("0.1.0", guest.Attribute("platform.version"));

        // The edge reports the request in its next heartbeat; the page picks it up on its next poll.
        await Expect(page.GetByTestId("traffic-row-0.1.0")).ToBeVisibleAsync(Slow);
        await page.GetByTestId("variable-name").FillAsync("api_key");
        await page.GetByTestId("variable-value").FillAsync("never-shown-again");
        await page.GetByTestId("variable-save").ClickAsync();
        await Expect(page.GetByTestId("variable-row-api_key")).ToContainTextAsync("(secret)");
        await Expect(page.GetByTestId("variable-row-api_key")).Not.ToContainTextAsync("never-shown-again");
        await browser.ScreenshotAsync("traffic-and-secret");

        // The services list asks the API for a page with its filters: the search finds the new service.
        await page.GotoAsync($"{stack.PortalUrl}/services");
        await browser.WaitUntilInteractiveAsync();
        await page.GetByTestId("services-search").FillAsync("portal-greet");
        await Expect(page.GetByTestId("services-count")).ToHaveTextAsync("1 of 1", new() { Timeout = 10_000 });
        await Expect(page.GetByTestId("service-link-portal-greeter")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("services-list");
    }

    [Fact]
    public async Task Developer_OpensAdminPages_IsToldNotAllowed_AdminSeesNodes_AcceptsANodesClaimedRegion()
    {
        await using var browser = await Browser.LaunchAsync("admin-pages");
        var page = browser.Page;

        await browser.SignInAsync(stack.PortalUrl, "bob", "platform-demo");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("nav-nodes")).ToHaveCountAsync(0);
        await page.GotoAsync($"{stack.PortalUrl}/admin/nodes");
        await browser.WaitUntilInteractiveAsync();
        await Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("developer-not-allowed");

        await page.GetByTestId("signout").ClickAsync();
        await browser.SignInAsync(stack.PortalUrl, "admin", "platform-demo");
        await browser.WaitUntilInteractiveAsync();
        await page.GetByTestId("nav-nodes").ClickAsync();
        await Expect(page.GetByTestId("node-row-edge-1")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("node-row-edge-2")).ToBeVisibleAsync();
        // The stack's nodes enrolled claiming their regions: pending until an admin accepts (edge-1 here; edge-2 stays pending).
        await Expect(page.GetByTestId("claimed-edge-1")).ToContainTextAsync("region=eu-west");
        await browser.ScreenshotAsync("admin-nodes");
        await page.GetByTestId("accept-edge-1").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("claimed-edge-1")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("labels-of-edge-1")).ToContainTextAsync("region=eu-west");
        await Expect(page.GetByTestId("claimed-edge-2")).ToContainTextAsync("region=us-east");
        var admin = await stack.SignInAsync("admin");
        Assert.Equal("eu-west", (await admin.NodesAsync()).Single(n => n.Name == "edge-1").Region);
        Assert.Contains(await admin.AuditAsync("node/edge-1"), e => e.Action == "node.labels.accept" && e.Actor == "user:admin");
    }
}
