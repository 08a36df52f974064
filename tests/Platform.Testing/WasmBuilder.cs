using System.Diagnostics;

namespace Platform.Testing;

/// <summary>Builds C sources into a platform:edge component with the repository's toolchain script.</summary>
public static class WasmBuilder
{
    /// <summary>Builds <paramref name="sourceDir"/>; throws with the compiler's output when it fails.</summary>
    public static byte[] Build(string sourceDir)
    {
        var output = Path.Combine(Path.GetTempPath(), $"platform-test-{Guid.NewGuid():N}.wasm");
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Tools, "wasm", "build-c-component.sh"), sourceDir, output])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"Building {sourceDir} failed (exit {process.ExitCode}; run tools/wasm/install.sh?):\n{stdout.Result}{stderr.Result}");
        try
        {
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>Builds one of the components under tests/components.</summary>
    public static byte[] BuildTestComponent(string name) => Build(Path.Combine(RepositoryPaths.Root, "tests", "components", name));
}
