using System.Text.Json.Serialization;

namespace Platform.Contracts.Nodes;

/// <summary>
/// Everything a node should serve: a node converges to it. Absolute, unless <paramref name="BaseRevision"/> is set: then
/// <paramref name="Services"/> holds only the services whose entry changed or appeared since that revision (which the node
/// asked with), <paramref name="RemovedServices"/> those no longer placed on it, and the rest is as in that revision; the
/// other fields are always whole.
/// </summary>
/// <param name="Revision">Changes whenever anything in the state changes (of the whole state, also for a delta).</param>
/// <param name="AllowedOutboundNetworks">
/// CIDR networks outbound HTTP may reach although they are loopback, private, link-local or otherwise special
/// (set by platform admins; none by default, so such addresses are refused after DNS resolution).
/// </param>
/// <param name="TopicSchemas">
/// The newest schema of each topic the placed versions may publish to, for topics that have one (null when none): events
/// components publish are checked against it on the node, as the API checks events from outside.
/// </param>
/// <param name="BaseRevision">Set on a delta: the revision (asked for as <c>base</c>) it applies to.</param>
/// <param name="RemovedServices">On a delta: services of the base no longer placed on the node (null when none).</param>
public sealed record NodeDesiredStateDto(
    Guid NodeId, string Revision, IReadOnlyList<ServiceAssignmentDto> Services, IReadOnlyList<string>? AllowedOutboundNetworks = null,
    IReadOnlyList<TopicSchemaAssignmentDto>? TopicSchemas = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BaseRevision = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? RemovedServices = null)
{
    /// <summary>
    /// The whole state from this delta and <paramref name="held"/> (the whole state of <see cref="BaseRevision"/>); this
    /// state itself when it is whole; null when <paramref name="held"/> is not the base (ask again for the whole state).
    /// </summary>
    public NodeDesiredStateDto? ApplyTo(NodeDesiredStateDto? held)
    {
        if (BaseRevision is null) return this;
        if (held is null || held.BaseRevision is not null || held.Revision != BaseRevision) return null;
        var removed = new HashSet<string>(RemovedServices ?? [], StringComparer.Ordinal);
        var changed = Services.ToDictionary(s => s.Service, StringComparer.Ordinal);
        var kept = held.Services.Where(s => !removed.Contains(s.Service) && !changed.ContainsKey(s.Service));
        var services = InNameOrder(held.Services) && InNameOrder(Services)
            ? Merge(kept, Services)
            : kept.Concat(Services).OrderBy(s => s.Service, StringComparer.Ordinal).ToList();
        return this with { Services = services, BaseRevision = null, RemovedServices = null };
    }

    private static bool InNameOrder(IReadOnlyList<ServiceAssignmentDto> services)
    {
        for (var i = 1; i < services.Count; i++)
        {
            if (string.CompareOrdinal(services[i - 1].Service, services[i].Service) > 0) return false;
        }
        return true;
    }

    /// <summary>Two lists in name order as one (what a state holds is in name order: a delta of one entry costs no sort).</summary>
    private static List<ServiceAssignmentDto> Merge(IEnumerable<ServiceAssignmentDto> first, IReadOnlyList<ServiceAssignmentDto> second)
    {
        var merged = new List<ServiceAssignmentDto>();
        var next = 0;
        foreach (var service in first)
        {
            while (next < second.Count && string.CompareOrdinal(second[next].Service, service.Service) < 0) merged.Add(second[next++]);
            merged.Add(service);
        }
        while (next < second.Count) merged.Add(second[next++]);
        return merged;
    }
}
