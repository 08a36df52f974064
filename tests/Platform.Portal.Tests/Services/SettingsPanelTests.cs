using System.Net;
using Platform.Contracts.Services;
using Platform.Portal.Components.Pages.Services;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Services;

public sealed class SettingsPanelTests : PortalTestContext
{
    private const string Patch = "PATCH /api/v1/services/hello-api";

    private static ServiceDto Service(bool deployOnBuild) =>
        new("hello-api", "Says hello", "payments", "/hello-api", "http-json-c", "1.0.0", null, [], "user:alice", DateTimeOffset.UnixEpoch, deployOnBuild);

    [Fact]
    public void TurnOff_SendsPatch_AndExplainsWhatBuildsDoNow()
    {
        Api.On(Patch, Service(deployOnBuild: false));
        var changed = 0;
        var cut = Render<SettingsPanel>(p => p.Add(c => c.Service, Service(deployOnBuild: true)).Add(c => c.OnChanged, () => changed++));
        Assert.Contains("rolled out as a canary straight away", cut.Find("[data-testid=deploy-on-build-explained]").TextContent);

        cut.Find("[data-testid=deploy-on-build] input[type=checkbox]").Change(false);

        cut.WaitForAssertion(() => Assert.Contains("Builds only publish a version", cut.Find("[data-testid=deploy-on-build-explained]").TextContent));
        Assert.Equal("false", cut.Find("[data-testid=deploy-on-build] input[type=checkbox]").GetAttribute("aria-checked"));
        Assert.Equal("""{"deployOnBuild":false}""", Assert.Single(Api.SentTo(Patch)).Body);
        Assert.Equal(1, changed);
    }

    [Fact]
    public void TurnOff_Forbidden_ShowsTheApisReason_AndKeepsTheSwitchOn()
    {
        Api.OnProblem(Patch, HttpStatusCode.Forbidden, "Forbidden", "Only members of the team that owns 'hello-api' (or platform admins) may change it.");
        var changed = 0;
        var cut = Render<SettingsPanel>(p => p.Add(c => c.Service, Service(deployOnBuild: true)).Add(c => c.OnChanged, () => changed++));

        cut.Find("[data-testid=deploy-on-build] input[type=checkbox]").Change(false);

        cut.WaitForAssertion(() => Assert.Contains("Only members of the team that owns 'hello-api'", cut.Find("[data-testid=error-alert]").TextContent));
        Assert.Equal("true", cut.Find("[data-testid=deploy-on-build] input[type=checkbox]").GetAttribute("aria-checked"));
        Assert.Contains("rolled out as a canary straight away", cut.Find("[data-testid=deploy-on-build-explained]").TextContent);
        Assert.Equal(0, changed);
    }
}
