using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Deployer.Rollouts;

/// <summary>
/// Node health during a rollout: a node seen online during the rollout that then goes silent is
/// excluded (it no longer counts for readiness or analysis) and, by the strategy's policy, the rollout holds
/// for a person. A node that comes back converges by itself to the desired state of that moment.
/// </summary>
public static class NodeWatch
{
    /// <summary>Records lost and returning nodes on the rollout; true when anything changed.</summary>
    public static bool Observe(Rollout rollout, RolloutFleet fleet, DateTimeOffset now)
    {
        var changed = false;
        var online = fleet.Online.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        // A node the service is no longer placed on (its placement changed, or the node was revoked) is not lost: it simply no longer counts.
        var placed = fleet.All.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in rollout.Cursor.Nodes.Where(n => !placed.Contains(n)).ToList())
        {
            rollout.Cursor.Nodes.Remove(name);
            rollout.Cursor.LostNodes.Remove(name);
            rollout.Record("node-unplaced", $"Node {name} no longer runs this service (placement changed or node revoked); it no longer counts.", now);
            changed = true;
        }
        foreach (var name in rollout.Cursor.LostNodes.Where(online.Contains).ToList())
        {
            rollout.Cursor.LostNodes.Remove(name);
            rollout.Record("node-back", $"Node {name} is heartbeating again; it converges to the current weights.", now);
            changed = true;
        }
        foreach (var name in online.Where(n => !rollout.Cursor.Nodes.Contains(n)).Order(StringComparer.Ordinal))
        {
            rollout.Cursor.Nodes.Add(name);
            changed = true;
        }
        var silent = rollout.Cursor.Nodes.Where(n => !online.Contains(n) && !rollout.Cursor.LostNodes.Contains(n)).ToList();
        foreach (var name in silent)
        {
            rollout.Cursor.LostNodes.Add(name);
            var pause = fleet.Strategy.OnNodeLoss == NodeLossPolicy.Pause;
            var message = $"Node {name} stopped heartbeating and is excluded from the rollout" + (pause ? "; the rollout pauses (policy: pause)." : "; the rollout goes on (policy: continue).");
            if (pause && rollout.Cursor.Hold is null)
            {
                var progress = rollout.ToProgress(fleet.Strategy);
                var hold = new PauseForHuman(message + " Resume, promote or abort.", null);
                rollout.Record(hold, progress.Apply(hold, now), now);
            }
            else
            {
                rollout.Record("node-lost", message, now);
            }
            changed = true;
        }
        return changed;
    }
}
