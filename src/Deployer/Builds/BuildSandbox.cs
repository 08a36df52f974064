using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.Domain;

namespace Platform.Deployer.Builds;

/// <summary>
/// Wraps a toolchain command in bubblewrap. Inside, the build sees: /usr's toolchain folders read-only, the
/// platform's tools, WIT and C SDK read-only under /platform, its own folder read-write at /build, a private /tmp,
/// its own /proc and a minimal /dev; of /etc only the loader cache (so no /etc/passwd), no network, no other process, and an environment
/// of PATH, HOME, LANG and TMPDIR only. prlimit sets the per-process limits inside the sandbox.
/// </summary>
public sealed class BuildSandbox(IOptions<BuildOptions> options, Toolchains toolchains, ILogger<BuildSandbox> logger)
{
    /// <summary>The build folder as the toolchain sees it.</summary>
    public const string BuildDir = "/build";

    /// <summary>Where the repository's tools/wasm, wit and sdk/c appear inside (the scripts find wit and sdk next to tools).</summary>
    public const string PlatformDir = "/platform";

    /// <summary>The uid and gid a sandbox has inside its user namespace when the Deployer is not root.</summary>
    public const int UnprivilegedSandboxUid = 65534;

    private readonly HashSet<int> _leased = [];
    private readonly Lock _gate = new();

    private BuildSandboxOptions Settings => options.Value.Sandbox;

    /// <summary>
    /// Prepares <paramref name="work"/> for one build and hands back a lease whose <see cref="BuildSandboxLease.Command"/>
    /// runs commands in it. Dispose the lease when the build's processes are gone.
    /// </summary>
    public async Task<BuildSandboxLease> OpenAsync(string work, CancellationToken ct)
    {
        var settings = Settings;
        if (!settings.Enabled)
        {
            logger.LogWarning("Build sandbox disabled by configuration (Build:Sandbox:Enabled=false): the toolchain runs as the Deployer's user");
            return new BuildSandboxLease(this, null, (command, workingDirectory) => Unsandboxed(command, work, workingDirectory),
                "The build sandbox is disabled by configuration (Build:Sandbox:Enabled=false): the toolchain runs unconfined.");
        }
        if (!File.Exists(settings.BwrapPath))
            throw new DomainException(
                $"The build sandbox is not installed: '{settings.BwrapPath}' (bubblewrap) was not found on this Deployer. Install the " +
                "bubblewrap package (scripts/setup.sh does); builds never run outside the sandbox unless Build:Sandbox:Enabled is false.");
        int? uid = null;
        if (Environment.IsPrivilegedProcess)
        {
            uid = Lease();
            await ChownAsync(work, uid.Value, ct);
        }
        var tools = toolchains.ToolsRoot;
        return new BuildSandboxLease(this, uid, (command, workingDirectory) => Sandboxed(command, work, workingDirectory, uid, tools), null);
    }

    private ProcessCommand Sandboxed(IReadOnlyList<string> command, string work, string workingDirectory, int? uid, string toolsRoot)
    {
        var settings = Settings;
        // No --die-with-parent: its signal follows the *thread* that started bubblewrap, and .NET starts processes from
        // whatever pool thread runs the job, so a build would be killed when that thread retires. The timeout inside
        // ends an orphaned sandbox instead, should the Deployer die.
        var args = new List<string> { "--unshare-all", "--unshare-user", "--new-session", "--hostname", "build" };
        if (uid is null) args.AddRange(["--uid", Invariant(UnprivilegedSandboxUid), "--gid", Invariant(UnprivilegedSandboxUid)]);
        foreach (var path in settings.ReadOnlyPaths.Where(p => Directory.Exists(p) || File.Exists(p)))
            args.AddRange(["--ro-bind", path, path]);
        args.AddRange(["--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64"]);
        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--size", Invariant((long)settings.TmpMegabytes << 20), "--tmpfs", "/tmp"]);
        foreach (var (host, inside) in PlatformMounts(toolsRoot)) args.AddRange(["--ro-bind", host, inside]);
        args.AddRange(["--bind", work, BuildDir, "--chdir", workingDirectory, "--clearenv"]);
        foreach (var (name, value) in ToolchainEnvironment()) args.AddRange(["--setenv", name, value]);
        var wallSeconds = (long)Math.Ceiling(options.Value.Timeout.TotalSeconds) + 30;
        args.AddRange(["--", "/usr/bin/timeout", "--kill-after=5", Invariant(wallSeconds), "/usr/bin/prlimit",
            // SIGXCPU at the soft limit (the exit code names it); SIGKILL a little later for a process that ignores it.
            $"--cpu={Invariant(settings.CpuSeconds)}:{Invariant(settings.CpuSeconds + 5)}",
            $"--data={Invariant((long)settings.MemoryMegabytes << 20)}",
            $"--nproc={Invariant(settings.Processes)}",
            $"--fsize={Invariant((long)settings.FileSizeMegabytes << 20)}",
            $"--nofile={Invariant(settings.OpenFiles)}",
            "--core=0", "--"]);
        args.AddRange(command);
        if (uid is not { } id) return new ProcessCommand(settings.BwrapPath, args, work, ToolchainEnvironment());
        // Root Deployer: drop to the build's own uid first, so bubblewrap runs unprivileged in a user namespace
        // and every process of the build belongs to that uid on the host (which is what RLIMIT_NPROC counts).
        string[] drop = [$"--reuid={Invariant(id)}", $"--regid={Invariant(id)}", "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--", settings.BwrapPath];
        return new ProcessCommand("/usr/bin/setpriv", [.. drop, .. args], work, ToolchainEnvironment());
    }

    /// <summary>Development only: the same command and environment, paths as on the host, no confinement.</summary>
    private ProcessCommand Unsandboxed(IReadOnlyList<string> command, string work, string workingDirectory)
    {
        var environment = new Dictionary<string, string>(ToolchainEnvironment()) { ["HOME"] = work, ["TMPDIR"] = Path.GetTempPath() };
        var mapped = command.Select(a => a.StartsWith(BuildDir + "/", StringComparison.Ordinal) ? work + a[BuildDir.Length..] : a)
            .Select(a => a.StartsWith(PlatformDir + "/tools/", StringComparison.Ordinal) ? Path.Combine(toolchains.ToolsRoot, a[(PlatformDir.Length + 7)..]) : a)
            .ToList();
        var directory = workingDirectory.StartsWith(BuildDir, StringComparison.Ordinal) ? work + workingDirectory[BuildDir.Length..] : workingDirectory;
        return new ProcessCommand(mapped[0], mapped.Skip(1).ToList(), directory, environment);
    }

    /// <summary>What the toolchain scripts need and nothing else: no connection strings, no tokens, no Deployer settings.</summary>
    private static Dictionary<string, string> ToolchainEnvironment() => new(StringComparer.Ordinal)
    {
        ["PATH"] = "/usr/bin:/bin",
        ["HOME"] = BuildDir,
        ["LANG"] = "C.UTF-8",
        ["TMPDIR"] = "/tmp",
    };

    /// <summary>tools/wasm (scripts and node_modules), the WIT and the C SDK, as /platform/tools/wasm, /platform/wit and /platform/sdk/c.</summary>
    private static IEnumerable<(string Host, string Inside)> PlatformMounts(string toolsRoot)
    {
        var repository = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(toolsRoot))!;
        yield return (Path.Combine(toolsRoot, "wasm"), PlatformDir + "/tools/wasm");
        var wit = Environment.GetEnvironmentVariable("PLATFORM_WIT_DIR") is { Length: > 0 } w ? w : Path.Combine(repository, "wit");
        if (File.Exists(wit)) yield return (wit, PlatformDir + "/wit/" + Path.GetFileName(wit));
        else if (Directory.Exists(wit)) yield return (wit, PlatformDir + "/wit");
        var sdk = Environment.GetEnvironmentVariable("PLATFORM_C_SDK_DIR") is { Length: > 0 } s ? s : Path.Combine(repository, "sdk", "c");
        if (Directory.Exists(sdk)) yield return (sdk, PlatformDir + "/sdk/c");
    }

    private int Lease()
    {
        lock (_gate)
        {
            for (var uid = Settings.FirstUid; uid < Settings.FirstUid + Settings.UidCount; uid++)
                if (_leased.Add(uid)) return uid;
        }
        throw new DomainException($"All {Settings.UidCount} build sandbox users are in use (Build:Sandbox:UidCount); queue the build again later.");
    }

    internal void Release(int uid)
    {
        lock (_gate) _leased.Remove(uid);
    }

    private static async Task ChownAsync(string work, int uid, CancellationToken ct)
    {
        var owner = $"{Invariant(uid)}:{Invariant(uid)}";
        var outcome = await ProcessRunner.RunAsync(new ProcessCommand("/usr/bin/chown", ["-R", "--", owner, work], work, ToolchainEnvironment()),
            _ => { }, TimeSpan.FromMinutes(1), 1 << 16, ct);
        if (!outcome.Succeeded) throw new IOException($"Could not hand the build folder to the sandbox user {owner}.");
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
