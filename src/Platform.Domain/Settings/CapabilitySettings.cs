using System.Net;

namespace Platform.Domain.Settings;

/// <summary>
/// The platform's capability policy (admins): whether a service's first version that declares capabilities needs an
/// admin's approval before it is placed (on unless turned off), and the networks outbound HTTP may reach although
/// they are loopback, private, link-local or otherwise special (none unless allowed). Stored as a
/// <see cref="PlatformSetting"/> under <see cref="PlatformSetting.Capabilities"/>.
/// </summary>
public sealed class CapabilitySettings
{
    public const int MaxNetworks = 64;

    public bool ApproveFirstVersions { get; set; } = true;

    /// <summary>CIDR networks in canonical form ("127.0.0.0/8", "fd00::/8").</summary>
    public List<string> AllowedOutboundNetworks { get; set; } = [];

    public static CapabilitySettings Default => new();

    /// <summary>The settings with each network in canonical form, or null with the errors naming the field.</summary>
    public static CapabilitySettings? TryCreate(bool? approveFirstVersions, IReadOnlyList<string>? networks, ValidationErrors errors)
    {
        var canonical = new List<string>();
        networks ??= [];
        if (networks.Count > MaxNetworks)
            errors.Add("allowedOutboundNetworks", $"At most {MaxNetworks} networks.");
        for (var i = 0; i < networks.Count; i++)
        {
            var text = networks[i]?.Trim() ?? "";
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || !IPNetwork.TryParse(text, out var network) || !network.BaseAddress.Equals(IPAddress.Parse(text[..slash])))
            {
                errors.Add($"allowedOutboundNetworks[{i}]", Describe(text));
                continue;
            }
            var form = network.ToString();
            if (!canonical.Contains(form, StringComparer.Ordinal)) canonical.Add(form);
        }
        return errors.IsValid ? new CapabilitySettings { ApproveFirstVersions = approveFirstVersions ?? true, AllowedOutboundNetworks = canonical } : null;
    }

    private static string Describe(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && IPAddress.TryParse(text[..slash], out var address) && int.TryParse(text[(slash + 1)..], out var prefix)
            && prefix >= 0 && prefix <= (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))
            return $"'{text}' has bits set below its prefix; write the network itself, e.g. '{new IPNetwork(Mask(address, prefix), prefix)}'.";
        return $"'{text}' is not a network in CIDR notation such as '127.0.0.0/8' or 'fd00::/8'.";
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++) bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPAddress(bytes);
    }
}
