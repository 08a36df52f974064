namespace Platform.Cli;

/// <summary>A failure the CLI explains in one sentence (exit code 1), no stack trace.</summary>
public sealed class CliException(string message) : Exception(message);
