namespace Platform.Contracts.Nodes;

/// <summary>What a version is granted; nothing else is linked into its instances.</summary>
/// <param name="Variables">Resolved variable values (secrets included) for the config interface.</param>
public sealed record CapabilitiesDto(
    IReadOnlyList<string> AllowedOutboundHosts,
    IReadOnlyList<string> KeyValueStores,
    IReadOnlyDictionary<string, string> Variables)
{
    public static CapabilitiesDto None { get; } = new([], [], new Dictionary<string, string>());
}
