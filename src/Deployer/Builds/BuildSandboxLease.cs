namespace Platform.Deployer.Builds;

/// <summary>One build's hold on the sandbox: its uid (when the Deployer is root) and how to run a command in it.</summary>
public sealed class BuildSandboxLease(BuildSandbox sandbox, int? uid, Func<IReadOnlyList<string>, string, ProcessCommand> wrap, string? warning) : IDisposable
{
    /// <summary>The host uid the build's processes run as, or null when they run as the Deployer's (unprivileged or unsandboxed).</summary>
    public int? Uid => uid;

    /// <summary>A line for the build log when the build does not run confined.</summary>
    public string? Warning => warning;

    /// <summary>
    /// The command that runs <paramref name="command"/> (paths as seen inside: /build, /platform/tools/…) in
    /// <paramref name="workingDirectory"/> (inside the sandbox, e.g. /build/src).
    /// </summary>
    public ProcessCommand Command(IReadOnlyList<string> command, string workingDirectory) => wrap(command, workingDirectory);

    public void Dispose()
    {
        if (uid is { } id) sandbox.Release(id);
    }
}
