using Platform.Domain.Nodes;

namespace Platform.Deployer.Rollouts;

/// <summary>How far the online nodes are with a target version, from their last heartbeats.</summary>
public sealed record FleetProgress(int Online, int Ready, string? Failure)
{
    public static FleetProgress Measure(IEnumerable<Node> onlineNodes, string service, string version, string digest)
    {
        var nodes = onlineNodes.ToList();
        var key = Node.ReadyKey(service, version, digest);
        var failure = nodes
            .SelectMany(n => n.FailedVersions.Where(f => f.StartsWith($"{service}@{version}:", StringComparison.Ordinal)).Select(f => $"{n.Name}: {f}"))
            .FirstOrDefault();
        return new FleetProgress(nodes.Count, nodes.Count(n => n.ReadyVersions.Contains(key)), failure);
    }

    public bool Complete => Online > 0 && Ready == Online;
}
