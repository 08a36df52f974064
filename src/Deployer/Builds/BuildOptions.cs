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
}
