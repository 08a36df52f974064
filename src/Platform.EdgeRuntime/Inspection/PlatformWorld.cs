using Platform.Contracts.Nodes;

namespace Platform.EdgeRuntime.Inspection;

/// <summary>
/// The names of the platform:edge@0.1.0 `service` world (wit/platform-edge.wit) and the publish-time
/// check of a component against it: it must export the handler and may import only what the
/// manifest grants.
/// </summary>
public static class PlatformWorld
{
    public const string Handler = "platform:edge/handler@0.1.0";
    public const string HandleFunction = "handle";
    public const string Types = "platform:edge/types@0.1.0";
    public const string Log = "platform:edge/log@0.1.0";
    public const string Config = "platform:edge/config@0.1.0";
    public const string KeyValue = "platform:edge/key-value@0.1.0";
    public const string OutboundHttp = "platform:edge/outbound-http@0.1.0";

    /// <summary>Imports every service may have: type definitions, logging and config variables.</summary>
    public static IReadOnlySet<string> AlwaysGranted { get; } = new HashSet<string>(StringComparer.Ordinal) { Types, Log, Config };

    /// <summary>The interfaces a version with these capabilities may import.</summary>
    public static IReadOnlySet<string> GrantedImports(CapabilitiesDto capabilities)
    {
        var granted = new HashSet<string>(AlwaysGranted, StringComparer.Ordinal);
        if (capabilities.KeyValueStores.Count > 0)
        {
            granted.Add(KeyValue);
        }
        if (capabilities.AllowedOutboundHosts.Count > 0)
        {
            granted.Add(OutboundHttp);
        }
        return granted;
    }

    /// <summary>Problems that make the component unrunnable with these capabilities; empty when it is fine.</summary>
    public static IReadOnlyList<string> Validate(ComponentInspection inspection, CapabilitiesDto capabilities)
    {
        var problems = new List<string>();
        if (!inspection.Exports.Any(e => e.Name == Handler && e.Kind == ComponentItemKind.Instance))
        {
            problems.Add($"The component does not export '{Handler}'; build it against the 'service' world of wit/platform-edge.wit.");
        }
        var granted = GrantedImports(capabilities);
        foreach (var import in inspection.Imports.Where(i => !granted.Contains(i.Name)))
        {
            problems.Add(import.Name switch
            {
                KeyValue => $"The component imports '{KeyValue}' but the manifest declares no key_value_stores.",
                OutboundHttp => $"The component imports '{OutboundHttp}' but the manifest declares no allowed_outbound_hosts.",
                _ => $"The component imports '{import.Name}', which the platform does not provide (allowed: platform:edge log, config, key-value, outbound-http).",
            });
        }
        return problems;
    }
}
