using Platform.Domain;
using Platform.Domain.Manifests;
using Platform.Domain.Registry;

namespace Platform.Application.Registry;

/// <summary>A component may import only what its manifest grants, and must export the handler.</summary>
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

        if (!inspection.Exports.Contains(EdgeInterfaces.Handler))
            throw new DomainException($"The component does not export '{EdgeInterfaces.Handler}'; build it against wit/platform-edge.wit.", "component");
        var granted = manifest.GrantedInterfaces();
        foreach (var import in inspection.Imports.Where(i => !granted.Contains(i)))
            throw new DomainException($"The component imports '{import}', which its manifest does not grant. {Hint(import)}", "component");
    }

    private static string Hint(string import) =>
        import == EdgeInterfaces.KeyValue ? "Declare the stores it uses in [capabilities] key_value_stores."
        : import == EdgeInterfaces.OutboundHttp ? "Declare the hosts it calls in [capabilities] allowed_outbound_hosts."
        : import == EdgeInterfaces.Config ? "Declare the variables it reads in [variables]."
        : "Only platform:edge interfaces can be granted to a component.";
}
