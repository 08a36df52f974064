using Platform.Contracts.Nodes;

namespace Platform.Api.Features.Nodes;

/// <summary>A node's whole desired state, and the entries it is made of.</summary>
public sealed record ComputedDesiredState(NodeDesiredStateDto State, NodeEntries Placed)
{
    public IReadOnlyDictionary<string, BuiltEntry> Entries => Placed.Entries;
}

/// <summary>
/// The entries of the services placed on one node, by service, each with its digest (without secret values): what the
/// node's heartbeat may report on is what is placed on it.
/// </summary>
/// <param name="Order">The services with an entry, in name order.</param>
/// <param name="ServiceIds">Every service placed on the node (also one whose stable version is withheld, so in no entry).</param>
public sealed record NodeEntries(IReadOnlyList<string> Order, IReadOnlyDictionary<string, BuiltEntry> Entries, IReadOnlySet<Guid> ServiceIds)
{
    /// <summary>
    /// Whether this version of the service is placed on the node: stable or the canary at any weight; with
    /// <paramref name="baseline"/>, the baseline copy of stable where the canary's weight on the node's ring gives it one.
    /// </summary>
    public bool Places(string service, string version, bool baseline = false) =>
        Entries.TryGetValue(service, out var built)
        && built.Entry.Versions.Any(v => v.Version == version && v.Role == (baseline ? VersionRole.Baseline : VersionRole.Serving));

    /// <summary>The digest of this version of the service when it is placed on the node; otherwise null.</summary>
    public string? DigestOf(string service, string version) =>
        Entries.TryGetValue(service, out var built) ? built.Entry.Versions.FirstOrDefault(v => v.Version == version)?.Digest : null;
}
