using Platform.Contracts.Builds;
using Platform.Contracts.Services;
using Platform.Portal.Components.Pages.Services;

namespace Platform.Portal.Tests.Services;

public sealed class ServiceStateTests
{
    private static ServiceDto Service(bool deployOnBuild) =>
        new("shop", "", "payments", "/shop", "http-json-c", "1.0.0", null, [], "user:alice", DateTimeOffset.UtcNow, deployOnBuild);

    private static readonly BuildDto Built =
        new(Guid.NewGuid(), "shop", "0.1.0", "succeeded", "c-component", 1, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "user:alice");

    [Theory]
    [InlineData(true, "deploying", true)]       // the Deployer is about to start the rollout: keep watching
    [InlineData(false, "not deployed", false)]  // builds only publish: nothing is coming
    public void Of_BuiltButNoRolloutYet_DependsOnTheDeployPolicy(bool deployOnBuild, string text, bool active)
    {
        var state = ServiceState.Of(Service(deployOnBuild), [Built], []);

        Assert.Equal((text, active), (state.Text, state.Active));
    }
}
