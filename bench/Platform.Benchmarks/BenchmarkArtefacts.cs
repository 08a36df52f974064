using System.Diagnostics;

namespace Platform.Benchmarks;

/// <summary>Builds the benchmark's guests from the repository's sources with the repository's toolchain scripts.</summary>
internal static class BenchmarkArtefacts
{
    public static string Root { get; } = FindRoot();

    public static byte[] Component(string name) => Build("build-c-component.sh", Path.Combine(Root, "tests", "components", name));

    public static byte[] WagiModule(string name) => Build("build-c-wagi.sh", Path.Combine(Root, "tests", "components-wagi", name));

    private static byte[] Build(string script, string source)
    {
        var output = Path.Combine(Path.GetTempPath(), $"platform-bench-{Guid.NewGuid():N}.wasm");
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Root, "tools", "wasm", script), source, output]))!;
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
