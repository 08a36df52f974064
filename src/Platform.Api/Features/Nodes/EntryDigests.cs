using System.Collections.Concurrent;
using Platform.Application.Quotas;
using Platform.Domain.Deployments;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// Digests of services' desired-state entries by what each entry is made of (<see cref="EntryKey"/>), so that a change to
/// one service among ten thousand digests that one entry again, not all of them (each digest is a serialization of the
/// entry). At most <see cref="Capacity"/> are kept; beyond that the memory starts again empty.
/// </summary>
public sealed class EntryDigests
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<EntryKey, byte[]> _digests = new();

    public byte[] GetOrAdd(EntryKey key, Func<byte[]> digest)
    {
        if (_digests.TryGetValue(key, out var known)) return known;
        if (_digests.Count >= Capacity) _digests.Clear();
        return _digests[key] = digest();
    }
}

/// <summary>
/// Everything a service's entry in a node's desired state is made of: its name and route, the deployment as this node's
/// ring sees it (versions, which are never changed once published, weights, trace), its quotas, its replays, and when its
/// variables last changed (which stands for their values: no secret is part of a key). Equal keys make equal entries.
/// </summary>
public sealed record EntryKey(string Service, string Route, Guid Stable, Guid? Canary, TrafficSplit Split, EffectiveQuotas Quotas,
    string? TraceParent, string? TraceState, string? VariablesStamp, string? Replays);
