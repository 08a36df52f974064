using System.Net;

namespace Platform.EdgeRuntime.Capabilities;

/// <summary>
/// Which resolved addresses outbound HTTP may connect to: every public address, and a special one
/// (<see cref="SpecialAddresses"/>) only inside a network a platform admin allowed (delivered with the desired state).
/// One per node, shared by every service; replaced whole when the desired state changes.
/// </summary>
public sealed class OutboundNetworkPolicy
{
    private volatile IReadOnlyList<IPNetwork> _allowed = [];

    public OutboundNetworkPolicy(IEnumerable<string>? allowedNetworks = null) => Allow(allowedNetworks ?? []);

    public IReadOnlyList<IPNetwork> AllowedNetworks => _allowed;

    /// <summary>Replaces the allowed networks (CIDR); entries that are not networks are ignored (the control plane validates them).</summary>
    public void Allow(IEnumerable<string> networks) =>
        _allowed = networks.Select(n => IPNetwork.TryParse(n, out var parsed) ? parsed : (IPNetwork?)null).OfType<IPNetwork>().ToList();

    /// <summary>Why <paramref name="address"/> may not be reached (e.g. "loopback"), or null when it may.</summary>
    public string? Refuses(IPAddress address)
    {
        var kind = SpecialAddresses.Classify(address);
        if (kind is null) return null;
        var embedded = SpecialAddresses.EmbeddedIPv4(address);
        var allowed = _allowed.Any(n => n.Contains(address) || (embedded is not null && n.Contains(embedded)));
        return allowed ? null : kind;
    }
}
