using System.CommandLine;
using Platform.Cli.Commands;
using Platform.Client;

namespace Platform.Cli;

/// <summary>
/// The commands: login, logout, whoami; services, versions, publish; deploy, rollouts, rollout, promote, pause,
/// resume, approve, abort, rollback; nodes, node-labels; topics and events; consumers, dead letters, replays. Every failure is one line on stderr and exit code 1 (the API's problem details,
/// field by field); usage errors exit 1 with System.CommandLine's message.
/// </summary>
public static class PlatformCli
{
    public static Task<int> RunAsync(string[] args, CliEnvironment environment, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var api = new Option<string?>("--api") { Description = $"The Platform API (default: PLATFORM_API_URL, the saved sign-in, {CliEnvironment.DefaultApiUrl}).", Recursive = true };
        var root = new RootCommand("Platform from a terminal or a CI job: services, versions and rollouts.") { api };
        CliContext Context(ParseResult parse) => new(environment, parse.GetValue(api), output, error);
        AuthCommands.Add(root, Context);
        ServiceCommands.Add(root, Context);
        RolloutCommands.Add(root, Context);
        NodeCommands.Add(root, Context);
        TopicCommands.Add(root, Context);
        ConsumerCommands.Add(root, Context);
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);
    }

    /// <summary>Runs <paramref name="action"/> for <paramref name="command"/>, turning every expected failure into a sentence and exit code 1.</summary>
    internal static void Handle(this Command command, Func<ParseResult, CliContext> context, Func<ParseResult, CliContext, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, ct) =>
        {
            var cli = context(parse);
            using var telemetry = CliTelemetry.Start(command.Name, cli);
            string failure;
            try
            {
                return await action(parse, cli, ct);
            }
            catch (CliException e)
            {
                failure = e.Message;
                await cli.Error.WriteLineAsync($"error: {e.Message}");
            }
            catch (PlatformApiException e)
            {
                failure = e.Problem.Title ?? $"HTTP {(int)e.Status}";
                await cli.Error.WriteLineAsync($"error: {e.Problem.Title ?? $"HTTP {(int)e.Status}"}{(e.Problem.Detail is { } detail ? $": {detail}" : "")}");
                foreach (var (field, messages) in e.Problem.Errors ?? new Dictionary<string, string[]>())
                {
                    foreach (var message in messages) await cli.Error.WriteLineAsync($"  {field}: {message}");
                }
                if ((int)e.Status >= 500) await cli.Error.WriteLineAsync($"  trace {cli.Trace.TraceId} (give it to the platform team)");
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
                await cli.Error.WriteLineAsync($"error: cannot reach the Platform API at {cli.ApiUrl}: {e.Message}");
            }
            telemetry.Failed(failure);
            return 1;
        });
}
