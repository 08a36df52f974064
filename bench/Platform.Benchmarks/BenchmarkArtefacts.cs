using System.Diagnostics;

namespace Platform.Benchmarks;

/// <summary>Builds the benchmark's guests from the repository's sources with the repository's toolchain scripts.</summary>
internal static class BenchmarkArtefacts
{
    public static string Root { get; } = FindRoot();

    /// <summary>A component under tests/components, for the current world or the older <paramref name="witVersion"/>.</summary>
    public static byte[] Component(string name, string? witVersion = null) =>
        Build("build-c-component.sh", Path.Combine(Root, "tests", "components", name), witVersion);

    /// <summary>
    /// The http-json-c template service as the golden path generates it (its placeholders filled in as a new service's
    /// would be, the C SDK beside it), built from source: what users run.
    /// </summary>
    public static byte[] TemplateService(string service, string logLevel)
    {
        var source = Directory.CreateTempSubdirectory("platform-bench-template-").FullName;
        try
        {
            CopyDirectory(Path.Combine(Root, "sdk", "c"), Path.Combine(source, "platform"));
            var main = File.ReadAllText(Path.Combine(Root, "templates", "http-json-c", "files", "src", "main.c"))
                .Replace("{{ service_name }}", service).Replace("{{ team }}", "payments").Replace("{{ route }}", "/" + service)
                .Replace("{{ greeting }}", "Hello from the edge").Replace("{{ log_level }}", logLevel);
            if (main.Contains("{{", StringComparison.Ordinal)) throw new InvalidOperationException("the template has a placeholder the benchmark does not fill");
            Directory.CreateDirectory(Path.Combine(source, "src"));
            File.WriteAllText(Path.Combine(source, "src", "main.c"), main);
            return Build("build-c-component.sh", source);
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public static byte[] WagiModule(string name) => Build("build-c-wagi.sh", Path.Combine(Root, "tests", "components-wagi", name));

    private static byte[] Build(string script, string source, string? witVersion = null)
    {
        var output = Path.Combine(Path.GetTempPath(), $"platform-bench-{Guid.NewGuid():N}.wasm");
        var start = new ProcessStartInfo("bash", [Path.Combine(Root, "tools", "wasm", script), source, output]);
        if (witVersion is not null)
        {
            start.Environment["PLATFORM_WIT_VERSION"] = witVersion;
        }
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} {source} failed; run tools/wasm/install.sh.");
        var bytes = File.ReadAllBytes(output);
        File.Delete(output);
        return bytes;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
