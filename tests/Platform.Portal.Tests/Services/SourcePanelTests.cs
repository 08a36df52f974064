using Platform.Contracts.Services;
using Platform.Portal.Components.Pages.Services;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Services;

public sealed class SourcePanelTests : PortalTestContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Render_Repository_ShowsCloneCommandTokenHelpAndRevisionsWithCommits()
    {
        Api.Returns(new RepositoryDto("http://platform.test/git/hello-api.git", "main", "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
        [
            new SourceRevisionSummaryDto(2, "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "Greet differently\n\nLonger text", "Alice Developer", At),
            new SourceRevisionSummaryDto(1, "0f0e0d0c0b0a09080706050403020100ffeeddcc", "Created from template http-json-c 1.0.0", "user:alice", At),
        ]));

        var cut = Render<SourcePanel>(p => p.Add(x => x.Service, "hello-api"));

        cut.WaitForElement("[data-testid=source-revision-2]");
        Assert.Equal("git clone http://platform.test/git/hello-api.git", cut.Find("input[data-testid=source-clone]").GetAttribute("value"));
        Assert.Contains("API token", cut.Find("[data-testid=source-help]").TextContent);
        Assert.Contains("password", cut.Find("[data-testid=source-help]").TextContent);
        var newest = cut.Find("[data-testid=source-revision-2]").TextContent;
        Assert.Contains("a1b2c3d4e5", newest);
        Assert.Contains("Greet differently", newest);
        Assert.DoesNotContain("Longer text", newest);
        Assert.Equal(["/api/v1/services/hello-api/repository"], Api.Requests.ToArray());
    }

    [Fact]
    public void Copy_Clicked_WritesCloneCommandToClipboard()
    {
        Api.Returns(new RepositoryDto("http://platform.test/git/hello-api.git", "main", null, []));
        var cut = Render<SourcePanel>(p => p.Add(x => x.Service, "hello-api"));
        cut.WaitForElement("[data-testid=source-copy]");

        cut.Find("[data-testid=source-copy]").Click();

        var call = JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        Assert.Equal("git clone http://platform.test/git/hello-api.git", call.Arguments[0]);
    }

    [Fact]
    public void Render_NoRepository_ExplainsWhy()
    {
        Api.Returns(new RepositoryDto(null, "main", null, []));

        var cut = Render<SourcePanel>(p => p.Add(x => x.Service, "outside"));

        cut.WaitForAssertion(() => Assert.Contains("registered without a template", cut.Find("[data-testid=source-none]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=source-clone]"));
    }
}
