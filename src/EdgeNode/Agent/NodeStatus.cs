using Platform.Contracts.Nodes;

namespace Platform.EdgeNode.Agent;

/// <summary>What the node reports in its heartbeat (beside its metrics); replaced as a whole after each reconcile.</summary>
public sealed class NodeStatus
{
    private NodeReport _current = new(null, [], []);

    public NodeReport Current => Volatile.Read(ref _current);

    public string? AppliedRevision => Current.AppliedRevision;

    public void Update(string? appliedRevision, IReadOnlyList<ReadyVersionDto> ready, IReadOnlyList<FailedVersionDto> failed) =>
        Volatile.Write(ref _current, new NodeReport(appliedRevision, ready, failed));
}

/// <summary>The revision the node converged to, the versions it has ready and those it could not load.</summary>
public sealed record NodeReport(string? AppliedRevision, IReadOnlyList<ReadyVersionDto> Ready, IReadOnlyList<FailedVersionDto> Failed);
