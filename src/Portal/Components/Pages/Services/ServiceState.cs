using MudBlazor;
using Platform.Contracts.Builds;
using Platform.Contracts.Rollouts;
using Platform.Contracts.Services;
using Platform.Portal.Components.Shared;

namespace Platform.Portal.Components.Pages.Services;

/// <summary>One word for where a service stands, from its newest build, newest rollout and deployment.</summary>
public sealed record ServiceState(string Text, Color Color, bool Active)
{
    public static ServiceState Of(ServiceDto service, IReadOnlyList<BuildDto> builds, IReadOnlyList<RolloutDto> rollouts)
    {
        var build = builds.Count > 0 ? builds[0] : null;
        var rollout = rollouts.Count > 0 ? rollouts[0] : null;
        if (build is not null && StatusChip.IsActive(build.Status)) return new("building", Color.Info, true);
        if (rollout is not null && StatusChip.IsActive(rollout.Phase)) return new("deploying", Color.Info, true);
        if (service.Deployment is { } deployment && deployment.Nodes.Any(n => n.Ready)) return new("running", Color.Success, false);
        if (build is { Status: "failed" }) return new("build failed", Color.Error, false);
        if (rollout is { Phase: "failed" or "aborted" }) return new($"rollout {rollout.Phase}", Color.Error, false);
        // A build that just succeeded is followed by a rollout the Deployer starts: keep watching for it.
        if (build is { Status: "succeeded" } && rollout is null && service.Deployment is null && service.DeployOnBuild) return new("deploying", Color.Info, true);
        if (service.Deployment is not null) return new("not ready", Color.Warning, true);
        return new("not deployed", Color.Default, false);
    }
}
