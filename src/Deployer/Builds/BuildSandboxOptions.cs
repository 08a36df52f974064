namespace Platform.Deployer.Builds;

/// <summary>
/// How toolchains are confined (section "Build:Sandbox"). Every build runs in bubblewrap: a user of its own, no
/// network, a cleared environment, the toolchain read-only, only the build folder writable, and these limits.
/// </summary>
public sealed class BuildSandboxOptions
{
    /// <summary>
    /// Off only for development on a machine without bubblewrap: the toolchain then runs as the Deployer's user
    /// (still with a cleared environment), and every build log says so. When on and bwrap is missing, builds fail.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The bubblewrap executable (Debian package <c>bubblewrap</c>).</summary>
    public string BwrapPath { get; set; } = "/usr/bin/bwrap";

    /// <summary>
    /// When the Deployer runs as root, each running build gets a uid (and gid) of its own from
    /// [<see cref="FirstUid"/>, <see cref="FirstUid"/> + <see cref="UidCount"/>): no account, no files on the host,
    /// so its process limit counts only that build. An unprivileged Deployer maps the sandbox user onto its own uid
    /// in a user namespace instead.
    /// </summary>
    public int FirstUid { get; set; } = 900_000;

    /// <summary>
    /// How many sandbox uids there are: at most this many builds run at once on one Deployer. Several Deployers on one
    /// host need ranges that do not overlap, or their builds share a process limit.
    /// </summary>
    public int UidCount { get; set; } = 64;

    /// <summary>
    /// Host folders mounted read-only, at the same path: what clang-14/lld-14, the wasi sysroot (under /usr),
    /// bash with coreutils and node need. Folders that do not exist are skipped. Paths set in configuration are added to
    /// these (the configuration binder appends to a list), so a Deployer can mount, say, /opt/node as well.
    /// </summary>
    public List<string> ReadOnlyPaths { get; set; } = ["/usr/bin", "/usr/lib", "/usr/lib64", "/usr/include", "/usr/share/nodejs", "/etc/ld.so.cache"];

    /// <summary>CPU seconds each process of a build may use (RLIMIT_CPU); past it the process gets SIGXCPU.</summary>
    public int CpuSeconds { get; set; } = 120;

    /// <summary>Data memory each process may allocate (RLIMIT_DATA: heap and private writable mappings), in MiB.</summary>
    public int MemoryMegabytes { get; set; } = 2048;

    /// <summary>Processes and threads the build may have at once (RLIMIT_NPROC, counted for the sandbox user).</summary>
    public int Processes { get; set; } = 128;

    /// <summary>Largest file a build may write (RLIMIT_FSIZE), in MiB; past it the write fails and the process gets SIGXFSZ.</summary>
    public int FileSizeMegabytes { get; set; } = 64;

    /// <summary>Size of the build's private /tmp (a tmpfs, so it counts as memory), in MiB.</summary>
    public int TmpMegabytes { get; set; } = 256;

    /// <summary>Open files per process (RLIMIT_NOFILE).</summary>
    public int OpenFiles { get; set; } = 1024;
}
