using Platform.EndToEnd.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A team owns a topic, in Chromium against the real processes and a real nats-server: a developer creates it in the
/// portal, adds a first JSON Schema, and a second one that would break its consumers is refused naming the field; a
/// developer of another team reads the topic but gets no controls to change it. Screenshots: artifacts/e2e/screenshots/topics-*.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class TopicJourneyTests(PlatformStack stack)
{
    private const string OrderV1 = """{ "type": "object", "properties": { "id": { "type": "string" }, "amount": { "type": "number" } }, "required": ["id"] }""";
    private const string Breaking = """{ "type": "object", "properties": { "id": { "type": "string" } }, "required": ["id", "customer"] }""";

    [Fact]
    public async Task Owner_CreatesTopicAndSchema_BreakingVersionRefusedNamingField_OtherTeamReadsOnly()
    {
        await using (var browser = await Browser.LaunchAsync("topics"))
        {
            var page = browser.Page;
            await browser.SignInAsync(stack.PortalUrl, "alice");
            await browser.WaitUntilInteractiveAsync();
            await page.GetByTestId("nav-topics").ClickAsync();
            await page.GetByTestId("new-topic").ClickAsync();
            await page.GetByTestId("topic-name").FillAsync("journey-orders");
            await page.GetByTestId("topic-description").FillAsync("Orders as the shop accepts them.");
            await page.GetByTestId("topic-team").ClickAsync();
            await page.GetByTestId("option-team-payments").ClickAsync();
            await browser.ScreenshotAsync("new-topic");
            await page.GetByTestId("topic-create").ClickAsync();
            await page.WaitForURLAsync("**/topics/journey-orders");
            await Expect(page.GetByTestId("no-schemas")).ToBeVisibleAsync();
            await browser.WaitUntilInteractiveAsync();

            await page.GetByTestId("schema-input").FillAsync(OrderV1);
            await page.GetByTestId("schema-add").ClickAsync();
            await Expect(page.GetByTestId("schema-view")).ToContainTextAsync("amount");
            await browser.ScreenshotAsync("schema-v1");

            await page.GetByTestId("schema-input").FillAsync(Breaking);
            await page.GetByTestId("schema-add").ClickAsync();
            await Expect(page.GetByTestId("schema-breaks")).ToContainTextAsync("/customer");
            await browser.ScreenshotAsync("schema-refused");
        }

        var alice = await stack.SignInAsync("alice");
        Assert.Equal([1], (await alice.TopicSchemasAsync("journey-orders")).Select(s => s.Version));
        Assert.Contains("journey-orders", (await alice.TopicsAsync()).Select(t => t.Name));

        await using (var browser = await Browser.LaunchAsync("topics-other-team"))
        {
            var page = browser.Page;
            await browser.SignInAsync(stack.PortalUrl, "bob");
            await browser.WaitUntilInteractiveAsync();
            await page.GotoAsync(stack.PortalUrl + "/topics/journey-orders");
            await Expect(page.GetByTestId("schema-view")).ToContainTextAsync("amount");
            await Expect(page.GetByTestId("topic-delete")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("schema-add")).ToHaveCountAsync(0);
            await browser.ScreenshotAsync("read-only");
        }
    }
}
