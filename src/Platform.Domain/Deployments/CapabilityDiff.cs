using Platform.Domain.Registry;

namespace Platform.Domain.Deployments;

/// <summary>
/// What a rollout's target declares beyond what the fleet already granted the service: outbound hosts, key-value
/// stores, variables, topics to publish to and topics to consume (triggers) its stable predecessor did not declare (for a
/// first version: everything it declares, when the platform asks admins to approve first versions). Non-empty = nothing
/// is placed until a platform admin approves.
/// (Imports follow from these: publishing refuses an import the manifest does not declare.)
/// </summary>
public sealed class CapabilityDiff
{
    public List<string> OutboundHosts { get; set; } = [];
    public List<string> KeyValueStores { get; set; } = [];
    public List<string> Variables { get; set; } = [];
    public List<string> PublishTopics { get; set; } = [];
    /// <summary>Topics the target's triggers consume.</summary>
    public List<string> ConsumeTopics { get; set; } = [];

    public bool IsEmpty => OutboundHosts.Count == 0 && KeyValueStores.Count == 0 && Variables.Count == 0 && PublishTopics.Count == 0 && ConsumeTopics.Count == 0;

    public static CapabilityDiff None => new();

    /// <summary>What <paramref name="target"/> declares that <paramref name="previous"/> did not.</summary>
    public static CapabilityDiff Between(ComponentVersion previous, ComponentVersion target) => new()
    {
        OutboundHosts = target.AllowedOutboundHosts.Except(previous.AllowedOutboundHosts, StringComparer.OrdinalIgnoreCase).ToList(),
        KeyValueStores = target.KeyValueStores.Except(previous.KeyValueStores, StringComparer.Ordinal).ToList(),
        Variables = target.DeclaredVariables.Except(previous.DeclaredVariables, StringComparer.Ordinal).ToList(),
        PublishTopics = target.PublishTopics.Except(previous.PublishTopics, StringComparer.Ordinal).ToList(),
        ConsumeTopics = TriggerTopics(target).Except(TriggerTopics(previous), StringComparer.Ordinal).ToList(),
    };

    /// <summary>Everything <paramref name="target"/> declares (a first version compared with nothing).</summary>
    public static CapabilityDiff Everything(ComponentVersion target) => new()
    {
        OutboundHosts = target.AllowedOutboundHosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        KeyValueStores = target.KeyValueStores.Distinct(StringComparer.Ordinal).ToList(),
        Variables = target.DeclaredVariables.Distinct(StringComparer.Ordinal).ToList(),
        PublishTopics = target.PublishTopics.Distinct(StringComparer.Ordinal).ToList(),
        ConsumeTopics = TriggerTopics(target).Distinct(StringComparer.Ordinal).ToList(),
    };

    /// <summary>One line per capability, e.g. "outbound host https://api.example.com", for timelines and the audit log.</summary>
    public IEnumerable<string> Describe() =>
    [
        .. OutboundHosts.Select(h => $"outbound host {h}"),
        .. KeyValueStores.Select(s => $"key-value store {s}"),
        .. Variables.Select(v => $"variable {v}"),
        .. PublishTopics.Select(t => $"publish to topic {t}"),
        .. ConsumeTopics.Select(t => $"consume topic {t}"),
    ];

    public override string ToString() => string.Join(", ", Describe());

    private static IEnumerable<string> TriggerTopics(ComponentVersion version) => version.Triggers.Select(t => t.Topic);
}
