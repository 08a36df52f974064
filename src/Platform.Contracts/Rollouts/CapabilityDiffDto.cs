namespace Platform.Contracts.Rollouts;

/// <summary>
/// What a rollout's target declares beyond its stable version (for a first version: everything it declares, when
/// first versions need approval). Non-empty and not yet approved: the version is placed on no node.
/// </summary>
/// <param name="PublishTopics">Topics it may publish to that stable could not; null from an API that predates topics.</param>
/// <param name="ConsumeTopics">Topics its triggers consume that stable's did not; null from an API that predates topics.</param>
public sealed record CapabilityDiffDto(
    IReadOnlyList<string> OutboundHosts,
    IReadOnlyList<string> KeyValueStores,
    IReadOnlyList<string> Variables,
    IReadOnlyList<string>? PublishTopics = null,
    IReadOnlyList<string>? ConsumeTopics = null)
{
    public bool IsEmpty => OutboundHosts.Count == 0 && KeyValueStores.Count == 0 && Variables.Count == 0
        && PublishTopics is null or [] && ConsumeTopics is null or [];

    /// <summary>One line per capability, e.g. "outbound host https://api.example.com".</summary>
    public IEnumerable<string> Describe() =>
    [
        .. OutboundHosts.Select(h => $"outbound host {h}"),
        .. KeyValueStores.Select(s => $"key-value store {s}"),
        .. Variables.Select(v => $"variable {v}"),
        .. (PublishTopics ?? []).Select(t => $"publish to topic {t}"),
        .. (ConsumeTopics ?? []).Select(t => $"consume topic {t}"),
    ];
}
