using System.Collections.Concurrent;
using Platform.Application.Quotas;
using Platform.Contracts.Nodes;
using Platform.Domain.Deployments;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// Services' desired-state entries, built and digested, by what each entry is made of (<see cref="EntryKey"/>), shared by
/// every node whose ring sees the service alike. A change to one service among ten thousand then builds that one entry
/// again, once for all nodes, and a node's turn reads the variables and versions of only the entries not built before. At
/// most <see cref="Capacity"/> are kept (ten thousand services seen alike by three rings make thirty thousand); beyond
/// that the memory starts again empty and the next turns build what they need. Entries hold the variable values they were
/// built with (secret ones included, as the nodes receive them): only this process's memory, never written anywhere.
/// </summary>
public sealed class DesiredEntries
{
    public const int Capacity = 50_000;

    private readonly ConcurrentDictionary<EntryKey, BuiltEntry> _entries = new();

    /// <summary>How many entries are kept.</summary>
    public int Count => _entries.Count;

    public bool TryGet(EntryKey key, out BuiltEntry entry) => _entries.TryGetValue(key, out entry!);

    /// <summary>Keeps <paramref name="entry"/> for <paramref name="key"/>; the one kept already if another turn built it first.</summary>
    public BuiltEntry Add(EntryKey key, BuiltEntry entry)
    {
        if (_entries.Count >= Capacity) _entries.Clear();
        return _entries.GetOrAdd(key, entry);
    }
}

/// <summary>A service's entry in nodes' desired states and its digest (of the entry without secret values: see <see cref="DesiredState"/>).</summary>
public sealed record BuiltEntry(ServiceAssignmentDto Entry, byte[] Digest);

/// <summary>
/// Everything a service's entry in a node's desired state is made of: its name and route, the deployment as this node's
/// ring sees it (versions, which are never changed once published, weights, trace), its quotas, its replays, and when its
/// variables last changed (which stands for their values: no secret is part of a key). Equal keys make equal entries.
/// </summary>
public sealed record EntryKey(string Service, string Route, Guid Stable, Guid? Canary, TrafficSplit Split, EffectiveQuotas Quotas,
    string? TraceParent, string? TraceState, string? VariablesStamp, string? Replays);
