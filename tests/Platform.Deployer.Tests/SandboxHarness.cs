using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Deployer.Builds;
using Platform.Testing;

namespace Platform.Deployer.Tests;

/// <summary>Runs a shell command in a real build sandbox (bubblewrap), in a fresh build folder, as a build would.</summary>
public sealed class SandboxHarness : IDisposable
{
    public SandboxHarness(Action<BuildOptions>? configure = null)
    {
        Options = new BuildOptions { ToolsRoot = RepositoryPaths.Tools, Timeout = TimeSpan.FromSeconds(30) };
        configure?.Invoke(Options);
        Sandbox = new BuildSandbox(Microsoft.Extensions.Options.Options.Create(Options),
            new Toolchains(Microsoft.Extensions.Options.Options.Create(Options)), NullLogger<BuildSandbox>.Instance);
        Directory.CreateDirectory(Path.Combine(Work, "src"));
    }

    public BuildOptions Options { get; }
    public BuildSandbox Sandbox { get; }
    public string Work { get; } = Directory.CreateTempSubdirectory("platform-sandbox-test-").FullName;

    /// <summary>The uid the last run's processes had on the host (null when the sandbox maps onto the Deployer's uid).</summary>
    public int? Uid { get; private set; }

    /// <summary>What the last run's lease said for the build log (set when the sandbox is disabled).</summary>
    public string? Warning { get; private set; }

    public async Task<(ProcessOutcome Outcome, string Log)> RunAsync(string script, Action<int?>? whileRunning = null)
    {
        var lines = new ConcurrentQueue<string>();
        using var lease = await Sandbox.OpenAsync(Work, CancellationToken.None);
        Uid = lease.Uid;
        Warning = lease.Warning;
        var run = ProcessRunner.RunAsync(lease.Command(["/usr/bin/bash", "-c", script], BuildSandbox.BuildDir), lines.Enqueue,
            Options.Timeout, Options.MaxLogChars, CancellationToken.None);
        whileRunning?.Invoke(lease.Uid);
        var outcome = await run;
        return (outcome, string.Join('\n', lines));
    }

    /// <summary>Processes on the host that belong to <paramref name="uid"/>.</summary>
    public static int ProcessesOf(int uid)
    {
        var count = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                var owner = File.ReadLines(Path.Combine(dir, "status")).FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
                if (owner?.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == uid.ToString(System.Globalization.CultureInfo.InvariantCulture)) count++;
            }
            catch (IOException) { } // the process ended while we looked
        }
        return count;
    }

    public void Dispose() => Directory.Delete(Work, recursive: true);
}
