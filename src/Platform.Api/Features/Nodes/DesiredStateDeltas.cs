using System.Collections.Concurrent;
using Platform.Contracts.Nodes;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// Desired states as deltas: for each node, the revision last sent and a digest of each service's entry in it (digested
/// without secret values, with when they last changed: <see cref="DesiredState"/>). A node that asks with <c>base</c> = the revision it holds, when that is the one last sent
/// to it from here, gets only the services whose entry changed or appeared, and the names of those no longer placed on it
/// (<see cref="NodeDesiredStateDto.BaseRevision"/>); otherwise (first request, another API instance answered last, an answer
/// the node never received) the whole state, as nodes that do not ask for deltas always get. With ten thousand services on
/// a node, a change to one of them then travels as that one entry, not the fleet.
/// </summary>
public sealed class DesiredStateDeltas
{
    private readonly ConcurrentDictionary<Guid, Sent> _sent = new();

    /// <summary>What to answer <paramref name="nodeId"/>, holding <paramref name="baseRevision"/>, for <paramref name="computed"/>.</summary>
    public NodeDesiredStateDto Shape(Guid nodeId, ComputedDesiredState computed, string? baseRevision)
    {
        var (state, entries) = (computed.State, computed.Entries);
        var previous = _sent.TryGetValue(nodeId, out var last) ? last : null;
        _sent[nodeId] = new Sent(state.Revision, entries);
        if (baseRevision is null || previous is null || previous.Revision != baseRevision) return state;
        // The very entries last sent (a long poll's wait ran out with nothing changed): nothing to compare.
        if (ReferenceEquals(previous.Entries, entries)) return state with { Services = [], BaseRevision = baseRevision };
        var changed = state.Services.Where(s => !previous.Entries.TryGetValue(s.Service, out var was) || !Same(was, entries[s.Service])).ToList();
        var removed = previous.Entries.Keys.Where(name => !entries.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
        return state with { Services = changed, BaseRevision = baseRevision, RemovedServices = removed.Count == 0 ? null : removed };
    }

    /// <summary>Forgets a node (revoked or deleted): its next request gets the whole state.</summary>
    public void Forget(Guid nodeId) => _sent.TryRemove(nodeId, out _);

    private static bool Same(BuiltEntry was, BuiltEntry now) => ReferenceEquals(was, now) || was.Digest.AsSpan().SequenceEqual(now.Digest);

    private sealed record Sent(string Revision, IReadOnlyDictionary<string, BuiltEntry> Entries);
}
