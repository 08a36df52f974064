using Microsoft.Extensions.Options;
using Platform.Domain;
using Platform.Domain.Templates;

namespace Platform.Deployer.Builds;

/// <summary>Maps a template's toolchain name to the script that builds it.</summary>
public sealed class Toolchains(IOptions<BuildOptions> options)
{
    private static readonly Dictionary<string, string> Scripts = new(StringComparer.Ordinal)
    {
        [BuildToolchains.CComponent] = "wasm/build-c-component.sh",
        [BuildToolchains.CWagi] = "wasm/build-c-wagi.sh",
        [BuildToolchains.JsComponent] = "wasm/build-js-component.sh",
    };

    private readonly Lazy<string> _toolsRoot = new(() => ResolveToolsRoot(options.Value.ToolsRoot));

    public static IReadOnlyCollection<string> Names => Scripts.Keys;

    /// <summary>The host folder holding the toolchain scripts (mounted read-only into the build sandbox).</summary>
    public string ToolsRoot => _toolsRoot.Value;

    /// <summary>
    /// The command line, as seen inside the build sandbox, that builds <paramref name="sourceDir"/> into
    /// <paramref name="output"/> (both paths inside the sandbox).
    /// </summary>
    public IReadOnlyList<string> Command(string toolchain, string sourceDir, string output)
    {
        if (!Scripts.TryGetValue(toolchain, out var script))
            throw new DomainException($"Toolchain '{toolchain}' is not installed on this Deployer (known: {string.Join(", ", Scripts.Keys)}).");
        return ["/usr/bin/bash", $"{BuildSandbox.PlatformDir}/tools/{script}", sourceDir, output];
    }

    private static string ResolveToolsRoot(string configured)
    {
        if (!string.IsNullOrEmpty(configured)) return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools");
            if (File.Exists(Path.Combine(candidate, "wasm", "build-c-component.sh"))) return candidate;
        }
        throw new InvalidOperationException("Build:ToolsRoot is not set and no tools folder was found above the Deployer.");
    }
}
