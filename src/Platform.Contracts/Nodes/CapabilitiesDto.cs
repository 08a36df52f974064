using System.Text.Json.Serialization;

namespace Platform.Contracts.Nodes;

/// <summary>What a version is granted; nothing else is linked into its instances.</summary>
/// <param name="Variables">Resolved variable values (secrets included) for the config interface.</param>
/// <param name="PublishTopics">Topics the publisher interface may publish to; left out of the JSON when none.</param>
public sealed record CapabilitiesDto(
    IReadOnlyList<string> AllowedOutboundHosts,
    IReadOnlyList<string> KeyValueStores,
    IReadOnlyDictionary<string, string> Variables,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? PublishTopics = null)
{
    public static CapabilitiesDto None { get; } = new([], [], new Dictionary<string, string>());
}
