namespace Platform.Deployer.Builds;

/// <summary>How a build command ended: its exit code, or why the runner stopped it (wall time, output size).</summary>
public sealed record ProcessOutcome(int ExitCode, string? StoppedBecause)
{
    public bool Succeeded => StoppedBecause is null && ExitCode == 0;
}
