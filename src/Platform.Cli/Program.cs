using Platform.Cli;

// platform: the Platform API from a terminal or a CI job. See PlatformCli for the commands.
return await PlatformCli.RunAsync(args, CliEnvironment.FromProcess(), Console.Out, Console.Error);
