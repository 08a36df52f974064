using Platform.Domain.Deployments.Analysis;

namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// What the Deployer saw for one step, read before it: what people asked of the rollout, whether the target may be placed (its capabilities approved),
/// where the service is placed, how far the target version has loaded, and the analysis window when the step asks for one.
/// </summary>
/// <param name="Version">The target version, for the progress line.</param>
/// <param name="Placed">Names of the nodes the service is placed on (enrolled, not revoked), online or not.</param>
/// <param name="Online">Names of those that are heartbeating.</param>
/// <param name="RingHasNodes">Whether the service is placed on any node of a ring (online or not).</param>
/// <param name="Target">The online nodes that have loaded the target, or the first one's reason why it cannot.</param>
/// <param name="ReadinessTimeout">How long the step waits for every online node to load the target before it rolls back.</param>
/// <param name="Window">
/// The canary, stable and baseline samples of the window asked for, over the heartbeats read for this step
/// (asked at most once per analysis decision; the same request gives the same samples within a step).
/// </param>
/// <param name="Approval">The capabilities the target adds and whether an admin approved them (the gate of a pending rollout).</param>
/// <param name="Requests">What people asked of the rollout (intent, written by the API): none when null.</param>
public sealed record RolloutObservations(
    string Version, IReadOnlySet<string> Placed, IReadOnlySet<string> Online, Func<int, bool> RingHasNodes, Readiness Target, TimeSpan ReadinessTimeout,
    Func<RunAnalysis, AnalysisInput> Window, CapabilityApproval Approval, RolloutRequests? Requests = null)
{
    public RolloutRequests Requests { get; init; } = Requests ?? RolloutRequests.None;
}
