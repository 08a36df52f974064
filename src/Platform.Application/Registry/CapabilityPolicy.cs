using Platform.Domain;
using Platform.Domain.Manifests;
using Platform.Domain.Registry;

namespace Platform.Application.Registry;

/// <summary>
/// A component may import only what its manifest grants, must export the handler (of any platform:edge version the nodes
/// serve) and, when its manifest declares triggers, the events interface.
/// </summary>
public static class CapabilityPolicy
{
    public static void Check(ServiceManifest manifest, ComponentInspection inspection)
    {
        if (manifest.Executor == Executors.Wagi)
        {
            if (!inspection.Exports.Contains("_start"))
                throw new DomainException("A wagi module must export '_start' (build it as a WASI command).", "component");
            return;
        }

        if (!EdgeInterfaces.AllVersions(EdgeInterfaces.Handler).Any(inspection.Exports.Contains))
            throw new DomainException($"The component does not export '{EdgeInterfaces.Handler}'; build it against wit/platform-edge.wit.", "component");
        if (manifest.Triggers.Count > 0 && !inspection.Exports.Contains(EdgeInterfaces.Events))
            throw new DomainException(
                $"The manifest declares [[triggers]], but the component does not export '{EdgeInterfaces.Events}'. Build it against the " +
                "event-service world of wit/platform-edge.wit (with the C SDK: define platform_handle_event).", "component");
        var granted = manifest.GrantedInterfaces();
        foreach (var import in inspection.Imports.Where(i => !granted.Contains(i)))
            throw new DomainException($"The component imports '{import}', which its manifest does not grant. {Hint(import)}", "component");
    }

    /// <summary>What to declare for an ungranted import of a known interface (in any version); anything else cannot be granted.</summary>
    private static string Hint(string import)
    {
        var known = new[] { EdgeInterfaces.KeyValue, EdgeInterfaces.OutboundHttp, EdgeInterfaces.Config, EdgeInterfaces.Publisher }
            .FirstOrDefault(i => EdgeInterfaces.AllVersions(i).Contains(import, StringComparer.Ordinal));
        return known is null
            ? $"Only the platform:edge interfaces of versions {string.Join(" and ", EdgeInterfaces.Versions.Reverse())} can be granted to a component."
            : EdgeInterfaces.ShortName(known) switch
            {
                "key-value" => "Declare the stores it uses in [capabilities] key_value_stores.",
                "outbound-http" => "Declare the hosts it calls in [capabilities] allowed_outbound_hosts.",
                "config" => "Declare the variables it reads in [variables].",
                _ => "Declare the topics it publishes to in [capabilities] publish_topics.",
            };
    }
}
