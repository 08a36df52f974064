using Platform.Contracts.Registry;
using Platform.Portal.Components.Pages.Services;
using Platform.Portal.Tests.Support;

namespace Platform.Portal.Tests.Services;

public sealed class VersionsTableTests : PortalTestContext
{
    private static ComponentVersionDto Version(string version, int deadlineMs, int memoryMb, int maxInstances, DateTimeOffset at) =>
        new("shop", version, "sha256:" + new string('a', 64), 20_000, "component", ["platform:edge/log@0.1.0"], [], [], [], [],
            deadlineMs, memoryMb, maxInstances, null, null, "user:alice", at);

    [Fact]
    public void Render_Versions_ShowEachOnesLimitsAndWhichIsStable()
    {
        var now = DateTimeOffset.UtcNow;

        var cut = Render<VersionsTable>(p => p
            .Add(c => c.Versions, [Version("1.1.0", 250, 32, 4, now), Version("1.0.0", 1000, 64, 32, now.AddDays(-1))])
            .Add(c => c.StableVersion, "1.0.0"));

        Assert.Equal("250 ms · 32 MiB · 4 at once", cut.Find("[data-testid='limits-1.1.0']").TextContent.Trim());
        Assert.Equal("1000 ms · 64 MiB · 32 at once", cut.Find("[data-testid='limits-1.0.0']").TextContent.Trim());
        Assert.Contains("stable", cut.Find("[data-testid='version-row-1.0.0']").TextContent);
        Assert.DoesNotContain("stable", cut.Find("[data-testid='version-row-1.1.0']").TextContent);
    }
}
