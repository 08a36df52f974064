using System.Diagnostics;
using Platform.Testing;

namespace Platform.EdgeRuntime.Tests.Support;

/// <summary>
/// Builds every folder under tests/components with tools/wasm/build-c-component.sh, every
/// folder under tests/components-wagi with tools/wasm/build-c-wagi.sh and every folder under tests/components-js with
/// tools/wasm/build-js-component.sh (staged beside the JavaScript SDK as platform/, as a generated service has it), once per test run. Names
/// are unique across both; a folder holding a "wit-version" file is built for that version of the world, and one holding an
/// "also-built-for" file (a version per line) is built for each of those older versions too, as "&lt;folder&gt;@&lt;version&gt;"
/// (one source, the same component as services of that version had it). A missing toolchain fails the run with the script's output;
/// nothing is skipped.
/// </summary>
public sealed class TestComponents
{
    private readonly Dictionary<string, byte[]> _components = new(StringComparer.Ordinal);

    public TestComponents()
    {
        RepositoryRoot = FindRepositoryRoot();
        OutputDirectory = Path.Combine(AppContext.BaseDirectory, "components");
        Directory.CreateDirectory(OutputDirectory);
        var sources = Directory.GetDirectories(Path.Combine(RepositoryRoot, "tests", "components")).SelectMany(ComponentBuilds)
            .Concat(Directory.GetDirectories(Path.Combine(RepositoryRoot, "tests", "components-wagi"))
                .Select(d => (Name: Path.GetFileName(d), Dir: d, Script: "build-c-wagi.sh", WitVersion: (string?)null)))
            .Concat(Directory.GetDirectories(Path.Combine(RepositoryRoot, "tests", "components-js"))
                .Select(d => (Name: Path.GetFileName(d), Dir: StageWithJsSdk(d), Script: "build-js-component.sh", WitVersion: (string?)null)))
            .ToList();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(sources, new ParallelOptions { MaxDegreeOfParallelism = 2 }, source =>
        {
            var output = Path.Combine(OutputDirectory, source.Name + ".wasm");
            var error = Build(source.Script, source.Dir, output, source.WitVersion);
            if (error is not null)
            {
                failures.Add($"{source.Name}: {error}");
            }
        });
        if (!failures.IsEmpty)
        {
            throw new InvalidOperationException("Building test components failed (run tools/wasm/install.sh?):\n" + string.Join("\n", failures));
        }
        foreach (var source in sources)
        {
            _components[source.Name] = File.ReadAllBytes(Path.Combine(OutputDirectory, source.Name + ".wasm"));
        }
    }

    public string RepositoryRoot { get; }

    public string OutputDirectory { get; }

    public byte[] Bytes(string name) => _components.TryGetValue(name, out var bytes)
        ? bytes
        : throw new ArgumentException($"No test component '{name}' under tests/components or tests/components-wagi.", nameof(name));

    /// <summary>A copy of a JavaScript service folder with sdk/js as its platform/ folder.</summary>
    private string StageWithJsSdk(string dir)
    {
        var staged = Path.Combine(OutputDirectory, "staged", Path.GetFileName(dir));
        if (Directory.Exists(staged))
        {
            Directory.Delete(staged, recursive: true);
        }
        DirectoryCopy.Copy(dir, staged);
        DirectoryCopy.Copy(Path.Combine(RepositoryRoot, "sdk", "js"), Path.Combine(staged, "platform"));
        return staged;
    }

    /// <summary>The component builds of one folder: its own (for its "wit-version" when it has one) and one per "also-built-for" line.</summary>
    private static IEnumerable<(string Name, string Dir, string Script, string? WitVersion)> ComponentBuilds(string dir)
    {
        const string script = "build-c-component.sh";
        var name = Path.GetFileName(dir);
        var pinned = Path.Combine(dir, "wit-version");
        yield return (name, dir, script, File.Exists(pinned) ? File.ReadAllText(pinned).Trim() : null);
        var also = Path.Combine(dir, "also-built-for");
        if (File.Exists(also))
        {
            foreach (var version in File.ReadAllLines(also).Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                yield return ($"{name}@{version}", dir, script, version);
            }
        }
    }

    private string? Build(string script, string source, string output, string? witVersion)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "tools", "wasm", script), source, output])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        // Built for an older version of the world: a component of an older release.
        if (witVersion is not null)
        {
            start.Environment["PLATFORM_WIT_VERSION"] = witVersion;
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
