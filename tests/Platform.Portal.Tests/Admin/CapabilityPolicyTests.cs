using System.Net;
using Platform.Contracts.Settings;
using Platform.Portal.Components.Pages.Admin;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Admin;

public sealed class CapabilityPolicyTests : PortalTestContext
{
    private const string Path = "/api/v1/settings/capabilities";
    private static readonly DateTimeOffset At = new(2026, 12, 6, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Save_AdminAllowsANetworkAndTurnsApprovalOff_PutsBoth_ShowsWhoChangedIt()
    {
        SignInAs("admin", isAdmin: true);
        Api.On($"GET {Path}", new CapabilitySettingsDto(true, []))
            .On($"PUT {Path}", new CapabilitySettingsDto(false, ["10.20.0.0/16"], "user:admin", At));
        var cut = Render<CapabilityPolicy>();
        cut.WaitForElement("[data-testid=capability-policy]");
        Assert.True(cut.Find("[data-testid=capability-save]").HasAttribute("disabled"), "nothing changed yet");

        cut.Find("textarea[data-testid=allowed-networks]").Input("10.20.0.0/16\n");
        cut.Find("input[type=checkbox]").Change(false);
        cut.Find("[data-testid=capability-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Last changed by user:admin", cut.Find("[data-testid=capability-updated]").TextContent));
        var (_, body) = Assert.Single(Api.SentTo($"PUT {Path}"));
        Assert.Contains("\"approveFirstVersions\":false", body, StringComparison.Ordinal);
        Assert.Contains("\"allowedOutboundNetworks\":[\"10.20.0.0/16\"]", body, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=capability-save]").HasAttribute("disabled"), "saved: nothing left to save");
    }

    [Fact]
    public void Save_ApiRefusesANetwork_NamesItsLine_NothingShownAsSaved()
    {
        SignInAs("admin", isAdmin: true);
        Api.On($"GET {Path}", new CapabilitySettingsDto(true, []))
            .OnProblem($"PUT {Path}", HttpStatusCode.BadRequest, "One or more validation errors occurred.",
                errors: new() { ["allowedOutboundNetworks[1]"] = ["'10.0.0.1/8' has bits set below its prefix; write the network itself, e.g. '10.0.0.0/8'."] });
        var cut = Render<CapabilityPolicy>();

        cut.WaitForElement("textarea[data-testid=allowed-networks]").Input("192.168.5.0/24\n10.0.0.1/8");
        cut.Find("[data-testid=capability-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Line 2: '10.0.0.1/8' has bits set below its prefix", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=capability-updated]"));
    }

    [Fact]
    public void Developer_SeesNotAllowed_NothingLoaded()
    {
        SignInAs("alice", isAdmin: false, "payments");
        var cut = Render<CapabilityPolicy>();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=capability-policy]")));
        Assert.Empty(Api.SentTo($"GET {Path}"));
    }
}
