using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Deployer.Rollouts;

/// <summary>
/// Rings intersect with placement: a ring holding none of the nodes the service is placed on has nothing to weigh,
/// pause on or analyse, so its steps pass at once (a service placed on one node still rolls out through a strategy
/// whose rings name other regions). Holds and requests (pause, abort, approval, node loss) are never skipped.
/// </summary>
public static class UnplacedRing
{
    public static RolloutDecision Skip(RolloutProgress progress, RolloutDecision decision, RolloutFleet fleet)
    {
        if (progress.IsFinished || progress.IsPastLastStep || progress.Hold is not null || progress.Requests.PauseRequested) return decision;
        if (fleet.HasNodesInRing(progress.Ring)) return decision;
        var stepOfRing = decision switch
        {
            SetCanaryWeight or RunAnalysis => true,
            Wait or PauseForHuman => progress.CurrentStep is PauseStep,
            _ => false,
        };
        return stepOfRing
            ? new Advance(progress.Ring, progress.Step, $"Ring '{progress.RingName}' has no node this service is placed on; step {progress.Step + 1} passes.", null)
            : decision;
    }
}
