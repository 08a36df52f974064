using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments.Planning;

public static partial class RolloutStepper
{
    /// <summary>
    /// The capability gate of a rollout that has not begun: a target whose new capabilities no admin approved is placed
    /// on no node; the rollout holds (visibly, once) until an approval lets it begin, and an abort ends it with nothing
    /// placed. Without new capabilities, or once approved, it begins at once. Null when the rollout has begun already.
    /// </summary>
    private static RolloutDecision? Gate(RolloutStrategy spec, RolloutStatus status, RolloutObservations seen)
    {
        if (status.Phase != RolloutPhase.Pending) return null;
        if (!seen.Approval.Awaits) return BeginRollout.For(spec);
        if (seen.Requests.AbortReason is { } reason)
            return new Withdraw($"Aborted before approval: {reason}. Nothing was placed on any node.");
        return new AwaitApproval(seen.Approval.HoldReason);
    }
}
