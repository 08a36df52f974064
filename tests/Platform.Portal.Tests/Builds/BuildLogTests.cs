using System.Net;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Builds;
using Platform.Portal.Components.Builds;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Builds;

public sealed class BuildLogTests : PortalTestContext
{
    private static readonly Guid BuildId = Guid.Parse("01a214e1-0b28-720c-9dc8-ff7030506313");
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void Poll_LogGrows_ShowsEachChunkFromTheLastOffsetUntilComplete()
    {
        Api.Returns(Chunk("running", 0, "Building hello 0.1.0\n", complete: false))
           .Returns(Chunk("running", 21, "", complete: false))
           .Returns(Chunk("succeeded", 21, "Built 19295 bytes.\n", complete: true));

        var cut = RenderLog();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Building hello 0.1.0\nBuilt 19295 bytes.\n", cut.Find("[data-testid=build-log]").TextContent);
            Assert.Contains("succeeded", cut.Find("[data-testid=build-status]").TextContent);
        });
        Assert.Equal(
            [$"/api/v1/builds/{BuildId}/logs?offset=0", $"/api/v1/builds/{BuildId}/logs?offset=21", $"/api/v1/builds/{BuildId}/logs?offset=21"],
            Api.Requests.ToArray());
        Assert.All(Api.Tokens, token => Assert.Equal(ApiToken, token));
    }

    [Fact]
    public async Task Poll_BuildComplete_StopsAskingAndRaisesCompleted()
    {
        Api.Returns(Chunk("failed", 0, "cc: error: main.c:3: expected ';'\n", complete: true));
        string? completed = null;

        var cut = RenderLog(status => completed = status);

        cut.WaitForAssertion(() => Assert.Equal("failed", completed));
        await Task.Delay(Fast * 10);
        Assert.Single(Api.Requests);
        Assert.Contains("expected ';'", cut.Find("[data-testid=build-log]").TextContent);
    }

    [Fact]
    public void Render_NoLogYet_SaysItIsWaitingForTheBuild()
    {
        Api.Returns(Chunk("queued", 0, "", complete: false));

        var cut = RenderLog();

        cut.WaitForAssertion(() => Assert.Contains("queued", cut.Find("[data-testid=build-status]").TextContent));
        Assert.Equal("Waiting for the build to start…", cut.Find("[data-testid=build-log]").TextContent);
    }

    [Fact]
    public void Poll_ApiFailsOnce_ShowsTheProblemThenCarriesOn()
    {
        Api.ReturnsProblem(HttpStatusCode.ServiceUnavailable, "Unavailable", "The database is restarting.")
           .Returns(Chunk("running", 0, "Building\n", complete: false));

        var cut = RenderLog();

        cut.WaitForAssertion(() => Assert.Contains("The database is restarting.", cut.Find("[data-testid=build-log-error]").TextContent));
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("Building\n", cut.Find("[data-testid=build-log]").TextContent);
            Assert.Empty(cut.FindAll("[data-testid=build-log-error]"));
        });
    }

    [Fact]
    public void Poll_SessionExpired_SendsTheUserToSignIn()
    {
        Api.ReturnsProblem(HttpStatusCode.Unauthorized, "Unauthorized");
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("services/hello");

        RenderLog();

        WaitFor(() => navigation.Uri.Contains("/signin?expired=true&returnUrl=%2Fservices%2Fhello", StringComparison.Ordinal));
    }

    private IRenderedComponent<BuildLog> RenderLog(Action<string>? completed = null) =>
        Render<BuildLog>(p => p
            .Add(c => c.BuildId, BuildId)
            .Add(c => c.PollInterval, Fast)
            .Add(c => c.OnCompleted, EventCallback.Factory.Create<string>(this, completed ?? (_ => { }))));

    private static BuildLogDto Chunk(string status, int offset, string text, bool complete) =>
        new(BuildId, status, offset, offset + text.Length, text, complete);

    private static void WaitFor(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail("The condition did not become true within 5 seconds.");
            Thread.Sleep(10);
        }
    }
}
