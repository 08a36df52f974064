using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Platform.Deployer.Builds;
using Platform.Domain;
using Platform.Testing;

namespace Platform.Deployer.Tests;

/// <summary>
/// The build sandbox itself, driven with hostile commands a toolchain could be tricked into running: each asserts the
/// refusal or the limit, and that the host (this test process) is unharmed.
/// </summary>
[Collection(DeployerCollection.Name)]
public sealed class BuildSandboxTests
{
    [Fact]
    public async Task Run_ReadsHostFiles_SeesOnlyToolchainAndItsOwnFolder()
    {
        var marker = "deployer-secret-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable("PLATFORM_TEST_SECRET", marker);
        using var neighbour = new SandboxHarness();
        await File.WriteAllTextAsync(Path.Combine(neighbour.Work, "src", "secret.h"), marker);
        using var sandbox = new SandboxHarness();
        var deployerFile = Path.Combine(AppContext.BaseDirectory, "Platform.Deployer.Tests.deps.json");

        var (outcome, log) = await sandbox.RunAsync(
            "exec 2>&1; ls /; cat /etc/passwd; echo \"env: $(cat /proc/self/environ | tr '\\0' ' ')\"; echo \"init: $(cat /proc/1/environ | tr '\\0' ' ')\"; " +
            $"cat {deployerFile}; cat {neighbour.Work}/src/secret.h; ls /root; echo \"pids: $(ls /proc | grep -c '^[0-9]')\"; echo \"uid: $(id -u)\"");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("bin\nbuild\ndev\netc\nlib\nlib64\nplatform\nproc\ntmp\nusr\n", log);
        Assert.Contains("cat: /etc/passwd: No such file or directory", log);
        Assert.Contains($"cat: {deployerFile}: No such file or directory", log);
        Assert.Contains($"cat: {neighbour.Work}/src/secret.h: No such file or directory", log);
        Assert.DoesNotContain(marker, log);
        Assert.DoesNotContain("root:x:0:0", log);
        Assert.DoesNotContain("runtimeTarget", log);
        var environment = log.Split('\n').Single(l => l.StartsWith("env: ", StringComparison.Ordinal));
        var variables = environment["env: ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("HOME=/build", variables);
        Assert.All(variables, v => Assert.Contains(v.Split('=')[0], new[] { "HOME", "LANG", "PATH", "PWD", "SHLVL", "TMPDIR", "_" })); // what bash adds, nothing more
        var pids = int.Parse(log.Split('\n').Single(l => l.StartsWith("pids: ", StringComparison.Ordinal))["pids: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(pids, 2, 6); // bubblewrap's init, bash and the pipeline that counts: no process of the host
        Assert.Contains($"uid: {sandbox.Uid ?? BuildSandbox.UnprivilegedSandboxUid}", log);
        Assert.NotEqual(0, sandbox.Uid ?? -1); // the Deployer runs these tests as root: the build must not
    }

    [Fact]
    public async Task Run_WritesOutsideItsFolder_ReadOnly_ItsFolderWritable()
    {
        using var sandbox = new SandboxHarness();

        var (outcome, log) = await sandbox.RunAsync(
            "touch /usr/bin/evil; touch /platform/tools/wasm/evil; touch /evil; echo kept > /build/out.txt && echo wrote");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("touch: cannot touch '/usr/bin/evil': Read-only file system", log);
        Assert.Contains("touch: cannot touch '/platform/tools/wasm/evil': Read-only file system", log);
        Assert.Contains("wrote", log);
        Assert.False(File.Exists("/usr/bin/evil"));
        Assert.False(File.Exists(Path.Combine(sandbox.Options.ToolsRoot, "wasm", "evil")));
        Assert.Equal("kept\n", await File.ReadAllTextAsync(Path.Combine(sandbox.Work, "out.txt")));
    }

    [Fact]
    public async Task Run_ConnectsToHostListener_NoNetwork()
    {
        using var loopback = new TcpListener(IPAddress.Loopback, 0);
        loopback.Start();
        var port = ((IPEndPoint)loopback.LocalEndpoint).Port;
        using var sandbox = new SandboxHarness();

        var (outcome, log) = await sandbox.RunAsync(
            $"echo hi > /dev/tcp/127.0.0.1/{port} && echo connected; echo hi > /dev/tcp/1.1.1.1/80 && echo connected; echo done");

        Assert.Equal(0, outcome.ExitCode);
        Assert.DoesNotContain("connected", log);
        Assert.Contains($"/dev/tcp/127.0.0.1/{port}: Connection refused", log); // its own, empty loopback
        Assert.Contains("/dev/tcp/1.1.1.1/80: Network is unreachable", log);
        Assert.False(loopback.Pending());
    }

    [Fact]
    public async Task Run_ForkBomb_HeldByProcessLimit_HostKeepsStartingProcesses()
    {
        using var sandbox = new SandboxHarness(o => { o.Sandbox.Processes = 40; o.Timeout = TimeSpan.FromSeconds(6); });
        var most = 0;
        var hostStarted = 0;

        var (outcome, log) = await sandbox.RunAsync("bomb() { bomb | bomb & }; bomb; exec sleep 60", uid =>
        {
            // While the bomb runs: the host can still start processes, and the sandbox user never has more than its limit.
            var until = Stopwatch.StartNew();
            while (until.Elapsed < TimeSpan.FromSeconds(4))
            {
                if (uid is { } id) most = Math.Max(most, SandboxHarness.ProcessesOf(id));
                using var process = Process.Start(new ProcessStartInfo("/usr/bin/true") { UseShellExecute = false })!;
                process.WaitForExit();
                if (process.ExitCode == 0) hostStarted++;
            }
        });

        Assert.True(log.Contains("Resource temporarily unavailable", StringComparison.Ordinal), $"{outcome}: {log}");
        Assert.True(hostStarted > 10, $"the host started {hostStarted} processes during the bomb");
        if (sandbox.Uid is { } uid)
        {
            // The limit plus bubblewrap's outer process; a /proc scan is not atomic, so a process that ends while another
            // starts can be counted twice. Without the limit the bomb reaches thousands within these seconds.
            Assert.InRange(most, 10, 60);
            await WaitUntilAsync(() => SandboxHarness.ProcessesOf(uid) == 0); // nothing of the build outlives it
        }
        Assert.True(outcome.StoppedBecause == "The build ran longer than 6 s and was stopped.", $"{outcome}: {log[^Math.Min(log.Length, 2000)..]}");
        using var healthy = new SandboxHarness();
        Assert.True((await healthy.RunAsync("echo healthy")).Outcome.Succeeded);
    }

    [Fact]
    public async Task Run_MemoryHog_AllocationRefused()
    {
        using var sandbox = new SandboxHarness(o => o.Sandbox.MemoryMegabytes = 128);

        var (outcome, log) = await sandbox.RunAsync("x=$(head -c 400000000 /dev/zero | tr '\\0' x); echo \"allocated ${#x}\"");

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("cannot allocate", log);
        Assert.DoesNotContain("allocated 400000000", log);
    }

    [Fact]
    public async Task Run_CpuLoop_StoppedByCpuLimit_NamedInTheReason()
    {
        using var sandbox = new SandboxHarness(o => o.Sandbox.CpuSeconds = 1);

        var (outcome, _) = await sandbox.RunAsync("while :; do :; done");

        Assert.Null(outcome.StoppedBecause);
        Assert.Equal(128 + 24, outcome.ExitCode);
        Assert.Contains("CPU time limit", BuildExit.Describe(outcome.ExitCode));
    }

    [Fact]
    public async Task Run_BigFile_StoppedByFileSizeLimit()
    {
        using var sandbox = new SandboxHarness(o => o.Sandbox.FileSizeMegabytes = 1);

        var (outcome, log) = await sandbox.RunAsync("head -c 5000000 /dev/zero > /build/big || echo \"refused $?\"");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("refused 153", log); // SIGXFSZ
        Assert.Equal(1 << 20, new FileInfo(Path.Combine(sandbox.Work, "big")).Length);
    }

    [Fact]
    public async Task Run_OutputFlood_LogCutAndBuildStopped()
    {
        using var sandbox = new SandboxHarness(o => o.MaxLogChars = 100_000);

        var (lines, linesLog) = await sandbox.RunAsync("yes 'a line of flood'");
        var (oneLine, oneLineLog) = await sandbox.RunAsync("head -c 50000000 /dev/zero | tr '\\0' x");

        Assert.Equal("The build wrote more than 100000 characters of output and was stopped.", lines.StoppedBecause);
        Assert.InRange(linesLog.Length, 90_000, 101_000);
        Assert.EndsWith("… the output was cut here: the build wrote more than 100000 characters.", linesLog);
        Assert.Equal(lines.StoppedBecause, oneLine.StoppedBecause);
        Assert.All(oneLineLog.Split('\n'), line => Assert.True(line.Length <= ProcessRunner.MaxLineChars + 2));
    }

    [Fact]
    public async Task Open_BwrapMissing_RefusesToBuildUnsandboxed()
    {
        using var sandbox = new SandboxHarness(o => o.Sandbox.BwrapPath = "/nonexistent/bwrap");

        var refused = await Assert.ThrowsAsync<DomainException>(() => sandbox.Sandbox.OpenAsync(sandbox.Work, CancellationToken.None));

        Assert.Contains("The build sandbox is not installed: '/nonexistent/bwrap' (bubblewrap) was not found", refused.Message);
    }

    [Fact]
    public async Task Run_SandboxDisabledForDevelopment_SaysSo_EnvironmentStillCleared()
    {
        var marker = "deployer-secret-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable("PLATFORM_TEST_SECRET", marker);
        using var sandbox = new SandboxHarness(o => o.Sandbox.Enabled = false);

        var (outcome, log) = await sandbox.RunAsync("echo \"home: $HOME\"; pwd; env");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("The build sandbox is disabled by configuration (Build:Sandbox:Enabled=false): the toolchain runs unconfined.", sandbox.Warning);
        Assert.Contains($"home: {sandbox.Work}\n{sandbox.Work}\n", log);
        Assert.DoesNotContain(marker, log);
        Assert.Null(sandbox.Uid);
    }

    private static Task WaitUntilAsync(Func<bool> condition) => Poll.UntilAsync(condition, TimeSpan.FromSeconds(10), "The end of the sandbox's processes");
}
