namespace Platform.Deployer.Builds;

/// <summary>A command to start: the process gets exactly <see cref="Environment"/>, nothing inherited from the Deployer.</summary>
public sealed record ProcessCommand(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment);
