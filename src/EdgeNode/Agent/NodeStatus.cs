using Platform.Contracts.Nodes;

namespace Platform.EdgeNode.Agent;

/// <summary>What the node reports in its heartbeat; replaced as a whole after each reconcile.</summary>
public sealed class NodeStatus
{
    private NodeHeartbeatRequest _current = new(null, [], []);

    public NodeHeartbeatRequest Current => Volatile.Read(ref _current);

    public string? AppliedRevision => Current.AppliedRevision;

    public void Update(string? appliedRevision, IReadOnlyList<ReadyVersionDto> ready, IReadOnlyList<FailedVersionDto> failed) =>
        Volatile.Write(ref _current, new NodeHeartbeatRequest(appliedRevision, ready, failed));
}
