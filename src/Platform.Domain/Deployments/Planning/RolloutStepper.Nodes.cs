using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Domain.Deployments.Planning;

/// <summary>A line for the rollout's timeline that is not a decision (a node lost, back or no longer placed).</summary>
public sealed record RolloutNote(string Kind, string Message);

public static partial class RolloutStepper
{
    /// <summary>
    /// Node health during a rollout: a node seen online during the rollout that then goes silent is excluded (it no
    /// longer counts for readiness or analysis) and, by the strategy's policy, the rollout holds for a person; a node
    /// that comes back converges by itself to the desired state of that moment; a node the service is no longer
    /// placed on (placement changed, node revoked) is not lost, it simply no longer counts.
    /// </summary>
    private static RolloutStatus WatchNodes(RolloutStrategy spec, RolloutStatus status, RolloutObservations seen, DateTimeOffset now, List<RolloutNote> notes)
    {
        var nodes = status.Nodes.ToList();
        var lost = status.LostNodes.ToList();
        foreach (var name in nodes.Where(n => !seen.Placed.Contains(n)).ToList())
        {
            nodes.Remove(name);
            lost.Remove(name);
            notes.Add(new RolloutNote("node-unplaced", $"Node {name} no longer runs this service (placement changed or node revoked); it no longer counts."));
        }
        foreach (var name in lost.Where(seen.Online.Contains).ToList())
        {
            lost.Remove(name);
            notes.Add(new RolloutNote("node-back", $"Node {name} is heartbeating again; it converges to the current weights."));
        }
        nodes.AddRange(seen.Online.Where(n => !nodes.Contains(n)).Order(StringComparer.Ordinal));
        foreach (var name in nodes.Where(n => !seen.Online.Contains(n) && !lost.Contains(n)).ToList())
        {
            lost.Add(name);
            var pause = spec.OnNodeLoss == NodeLossPolicy.Pause;
            var message = $"Node {name} stopped heartbeating and is excluded from the rollout"
                + (pause ? "; the rollout pauses (policy: pause)." : "; the rollout goes on (policy: continue).");
            if (pause && status.Hold is null && !status.IsFinished)
            {
                var hold = new PauseForHuman(message + " Resume, promote or abort.", null);
                status = status.Apply(spec, seen.Requests, hold, now);
                notes.Add(new RolloutNote("paused", hold.Message));
            }
            else
            {
                notes.Add(new RolloutNote("node-lost", message));
            }
        }
        return notes.Count == 0 && nodes.SequenceEqual(status.Nodes) ? status : status with { Nodes = nodes, LostNodes = lost };
    }
}
