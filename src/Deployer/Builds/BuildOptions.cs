namespace Platform.Deployer.Builds;

/// <summary>Settings of the build queue (section "Build").</summary>
public sealed class BuildOptions
{
    public const string Section = "Build";

    /// <summary>Folder holding the toolchain scripts (the repository's <c>tools</c>); found upwards from the binary when empty.</summary>
    public string ToolsRoot { get; set; } = "";

    /// <summary>Scratch space for build checkouts; the system temp folder when empty.</summary>
    public string WorkRoot { get; set; } = "";

    /// <summary>A build that runs longer is stopped and fails.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most output a build may write (characters, stdout and stderr together); past it the log is cut, saying so,
    /// and the build is stopped. A single line is kept up to <see cref="ProcessRunner.MaxLineChars"/>.
    /// </summary>
    public int MaxLogChars { get; set; } = 1 << 20;

    /// <summary>The sandbox every toolchain runs in, and its limits.</summary>
    public BuildSandboxOptions Sandbox { get; set; } = new();
}
