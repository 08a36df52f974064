using Platform.EdgeRuntime.Inspection;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Capabilities;

/// <summary>platform:edge/config: the version's resolved variables, nothing else.</summary>
internal static class ConfigCapability
{
    public static void Define(ComponentLinkerInstance root, IReadOnlyDictionary<string, string> variables)
    {
        // Under its name in every version of the world: a component of any version links the same functions.
        foreach (var name in PlatformWorld.InEveryVersion(PlatformWorld.Config))
        {
            using var config = root.AddInstance(name);
            config.DefineFunction("get", (args, results) =>
            {
                results[0] = variables.TryGetValue(args[0].AsString(), out var value)
                    ? ComponentValue.Some(ComponentValue.String(value))
                    : ComponentValue.None();
            });
        }
    }
}
