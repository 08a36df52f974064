using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Deployer.Rollouts;

/// <summary>
/// Writes what the fleet should serve for a rollout's state, absolutely: during a canary the target is the
/// canary on every node with the state's weight for each ring (0 until a step gives it traffic, so every node
/// loads it first); once finished, only the target (succeeded) or only the previous version (rolled back).
/// A first deployment has nothing to split with: the target is all there is. A target whose capabilities await
/// approval is never written (the step's gate holds it pending, and its decisions there place nothing: <see cref="RolloutDecision.Places"/>). Every write carries the trace context of the
/// pass that makes it (<see cref="ServiceDeployment.TraceParent"/>), so the nodes' work for it joins the rollout's trace.
/// </summary>
public sealed class DeploymentWriter(PlatformDbContext db, Rollout rollout, RolloutStrategy strategy, Guid targetId, Guid? previousId)
{
    public async Task WriteAsync(RolloutStatus state, DateTimeOffset now, CancellationToken ct)
    {
        var deployment = await db.ServiceDeployments.FirstOrDefaultAsync(d => d.ServiceId == rollout.ServiceId, ct);
        var weights = Enumerable.Range(0, strategy.RingCount).Select(ring => state.CanaryWeight(strategy, ring)).ToList();
        rollout.Wrote(weights);
        var rolledBack = state.Phase is RolloutPhase.Failed or RolloutPhase.Aborted;
        if (rollout.AwaitsApproval && !rolledBack)
            throw new InvalidOperationException($"Rollout {rollout.Id} awaits a platform admin's approval: its target may not be placed on any node.");
        if (rolledBack && previousId is null)
        {
            if (deployment is not null) db.ServiceDeployments.Remove(deployment);
            return;
        }
        if (deployment is null)
        {
            deployment = new ServiceDeployment { ServiceId = rollout.ServiceId, StableVersionId = previousId ?? targetId };
            db.ServiceDeployments.Add(deployment);
        }
        var trace = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current : null;
        deployment.TraceParent = trace?.Id;
        deployment.TraceState = trace?.TraceStateString;
        if (rolledBack) deployment.ServeOnly(previousId!.Value, now);
        else if (state.Phase == RolloutPhase.Succeeded || previousId is null) deployment.ServeOnly(targetId, now);
        else
        {
            deployment.StableVersionId = previousId.Value;
            deployment.SplitWith(targetId, strategy, weights, now);
        }
    }
}
