using Platform.Domain.Registry;

namespace Platform.Application.Deployments;

/// <summary>
/// What a version declares that its predecessor did not: such a version needs an admin before it leaves canary.
/// (Imports follow from these: publishing refuses an import the manifest does not declare.)
/// </summary>
public static class CapabilityGrowth
{
    public static List<string> Between(ComponentVersion previous, ComponentVersion target) =>
    [
        .. target.AllowedOutboundHosts.Except(previous.AllowedOutboundHosts, StringComparer.OrdinalIgnoreCase).Select(h => $"outbound host {h}"),
        .. target.KeyValueStores.Except(previous.KeyValueStores, StringComparer.Ordinal).Select(s => $"key-value store {s}"),
        .. target.DeclaredVariables.Except(previous.DeclaredVariables, StringComparer.Ordinal).Select(v => $"variable {v}"),
    ];
}
