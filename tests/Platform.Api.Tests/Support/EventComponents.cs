using System.Diagnostics;
using Platform.Testing;

namespace Platform.Api.Tests.Support;

/// <summary>Test components from tests/components-events (event consumers of the C SDK), built once per run.</summary>
public static class EventComponents
{
    private static readonly Lazy<byte[]> ConsumerBytes = new(() => Build("consumer"));

    /// <summary>Exports platform:edge/handler@0.2.0 and platform:edge/events@0.2.0; imports nothing (the SDK links only what it calls).</summary>
    public static byte[] Consumer => ConsumerBytes.Value;

    private static byte[] Build(string name)
    {
        var source = Path.Combine(RepositoryPaths.Root, "tests", "components-events", name);
        var output = Path.Combine(Path.GetTempPath(), $"platform-test-{Guid.NewGuid():N}.wasm");
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Tools, "wasm", "build-c-component.sh"), source, output])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"Building {source} failed (exit {process.ExitCode}):\n{stdout.Result}{stderr.Result}");
        try
        {
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
