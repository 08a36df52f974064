using System.Globalization;

namespace Platform.Deployer.Builds;

/// <summary>Says why a toolchain exited unsuccessfully, naming the sandbox limit when a signal shows one was reached.</summary>
public static class BuildExit
{
    public static string Describe(int exitCode) => exitCode switch
    {
        128 + 24 => "The toolchain passed the CPU time limit of the build sandbox (Build:Sandbox:CpuSeconds) and was stopped.",
        128 + 25 => "The toolchain tried to write a file larger than the build sandbox allows (Build:Sandbox:FileSizeMegabytes) and was stopped.",
        128 + 9 => "The toolchain was killed (exit code 137); a limit of the build sandbox may have been reached.",
        _ => string.Create(CultureInfo.InvariantCulture, $"The toolchain exited with code {exitCode}; see the log for the compiler's messages."),
    };
}
