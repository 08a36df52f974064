using Platform.Application.Deployments;
using Platform.Contracts.Nodes;

namespace Platform.Api.Features.Nodes;

/// <summary>The versions no node may be given (<see cref="CapabilityApproval.WithheldVersionsAsync"/>), and them as one key.</summary>
public sealed class WithheldVersions(IReadOnlySet<Guid> versions)
{
    public IReadOnlySet<Guid> Versions { get; } = versions;

    /// <summary>The versions in order, as one string: what a node's view was computed with.</summary>
    public string Key { get; } = string.Join(",", versions.Order());
}

/// <summary>The replays that have not finished, by the version they go to, and them as one key.</summary>
public sealed class ActiveReplays(IReadOnlyList<(Guid Target, ReplayAssignmentDto Replay)> all)
{
    /// <summary>Each version's replays (a replay goes to the nodes running its target, under that version).</summary>
    public ILookup<Guid, ReplayAssignmentDto> ByTarget { get; } = all.ToLookup(r => r.Target, r => r.Replay);

    public int Count => all.Count;

    /// <summary>The replays with their targets, by id, as one string: what a node's view was computed with.</summary>
    public string Key { get; } = string.Join("|", all.Select(r => $"{r.Target}:{r.Replay}"));
}

/// <summary>
/// A node's last computed state and what it was computed from (its entries, the networks and the schemas as held): when
/// all three are the very objects of its next turn, that turn's state is this one, revision and all.
/// </summary>
public sealed record NodeStateMemo(NodeEntries Placed, IReadOnlyList<string> Networks, IReadOnlyDictionary<string, TopicSchemaAssignmentDto> Schemas,
    ComputedDesiredState State);
