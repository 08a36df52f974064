using System.Diagnostics;

namespace Platform.EdgeRuntime.Tests.Support;

/// <summary>
/// Builds every folder under tests/components with tools/wasm/build-c-component.sh and every
/// folder under tests/components-wagi with tools/wasm/build-c-wagi.sh, once per test run. Names
/// are unique across both; a folder holding a "wit-version" file is built for that version of the world. A missing toolchain fails the run with the script's output; nothing is skipped.
/// </summary>
public sealed class TestComponents
{
    private readonly Dictionary<string, byte[]> _components = new(StringComparer.Ordinal);

    public TestComponents()
    {
        RepositoryRoot = FindRepositoryRoot();
        OutputDirectory = Path.Combine(AppContext.BaseDirectory, "components");
        Directory.CreateDirectory(OutputDirectory);
        var sources = Directory.GetDirectories(Path.Combine(RepositoryRoot, "tests", "components")).Select(d => (Dir: d, Script: "build-c-component.sh"))
            .Concat(Directory.GetDirectories(Path.Combine(RepositoryRoot, "tests", "components-wagi")).Select(d => (Dir: d, Script: "build-c-wagi.sh")))
            .ToList();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(sources, new ParallelOptions { MaxDegreeOfParallelism = 2 }, source =>
        {
            var name = Path.GetFileName(source.Dir);
            var output = Path.Combine(OutputDirectory, name + ".wasm");
            var error = Build(source.Script, source.Dir, output);
            if (error is not null)
            {
                failures.Add($"{name}: {error}");
            }
        });
        if (!failures.IsEmpty)
        {
            throw new InvalidOperationException("Building test components failed (run tools/wasm/install.sh?):\n" + string.Join("\n", failures));
        }
        foreach (var (source, _) in sources)
        {
            var name = Path.GetFileName(source);
            _components[name] = File.ReadAllBytes(Path.Combine(OutputDirectory, name + ".wasm"));
        }
    }

    public string RepositoryRoot { get; }

    public string OutputDirectory { get; }

    public byte[] Bytes(string name) => _components.TryGetValue(name, out var bytes)
        ? bytes
        : throw new ArgumentException($"No test component '{name}' under tests/components or tests/components-wagi.", nameof(name));

    private string? Build(string script, string source, string output)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "tools", "wasm", script), source, output])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        // A folder with a "wit-version" file is built for that version of the world (a component of an older release).
        if (File.Exists(Path.Combine(source, "wit-version")))
        {
            start.Environment["PLATFORM_WIT_VERSION"] = File.ReadAllText(Path.Combine(source, "wit-version")).Trim();
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            return "build timed out";
        }
        return process.ExitCode == 0 ? null : $"exit {process.ExitCode}\n{stdout.Result}{stderr.Result}";
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tools", "wasm", "build-c-component.sh")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No repository root (tools/wasm/build-c-component.sh) above {AppContext.BaseDirectory}.");
    }
}
