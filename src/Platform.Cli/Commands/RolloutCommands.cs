using System.CommandLine;
using Platform.Client;
using Platform.Contracts.Rollouts;

namespace Platform.Cli.Commands;

/// <summary>deploy (optionally waiting for the verdict), rollouts, rollout, promote, pause, resume, approve, abort, rollback.</summary>
internal static class RolloutCommands
{
    private static readonly string[] Finished = ["succeeded", "failed", "aborted"];

    public static void Add(RootCommand root, Func<ParseResult, CliContext> context)
    {
        var service = new Argument<string>("service") { Description = "The service's name." };
        var version = new Argument<string>("version") { Description = "The version to roll out." };
        var emergency = new Option<string?>("--emergency") { Description = "Skip the canary: every node at once. The reason goes to the audit log." };
        var wait = new Option<bool>("--wait") { Description = "Follow the rollout until it ends; exit 1 unless it succeeds (for CI)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds --wait waits at most.", DefaultValueFactory = _ => 1800 };
        var deploy = new Command("deploy", "Roll a version out: a canary with the service's strategy, or --emergency.") { service, version, emergency, wait, timeout };
        deploy.Handle(context, async (parse, cli, ct) =>
        {
            var client = cli.Client();
            var rollout = await client.StartRolloutAsync(parse.GetValue(service)!,
                new StartRolloutRequest(parse.GetValue(version)!, EmergencyReason: parse.GetValue(emergency)), ct);
            await cli.Output.WriteLineAsync($"Rollout {rollout.Id} of {rollout.Service} {rollout.TargetVersion}: {rollout.Phase}. {rollout.Message}");
            if (rollout.TraceId is { } trace) await cli.Output.WriteLineAsync($"Trace {trace}");
            return parse.GetValue(wait) ? await FollowAsync(cli, client, rollout, TimeSpan.FromSeconds(parse.GetValue(timeout)), ct) : 0;
        });
        root.Add(deploy);

        var rollouts = new Command("rollouts", "A service's rollouts, newest first.") { service };
        rollouts.Handle(context, async (parse, cli, ct) =>
        {
            var list = await cli.Client().RolloutsAsync(parse.GetValue(service)!, ct: ct);
            TableWriter.Write(cli.Output, ["ID", "VERSION", "FROM", "PHASE", "UPDATED", "MESSAGE"], list.Select(r => (IReadOnlyList<string>)
                [r.Id.ToString(), r.TargetVersion, r.PreviousVersion ?? "-", r.Phase, r.UpdatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss"), r.Message]));
            return 0;
        });
        root.Add(rollouts);

        var id = new Argument<Guid>("rollout") { Description = "The rollout's id (see 'platform rollouts SERVICE')." };
        var show = new Command("rollout", "One rollout: phase, step, weights, why it waits, the last analysis.") { id };
        show.Handle(context, async (parse, cli, ct) =>
        {
            await Describe(cli.Output, await cli.Client().RolloutAsync(parse.GetValue(id), ct));
            return 0;
        });
        root.Add(show);

        AddOperation(root, context, id, "promote", "Skip the remaining steps: the canary becomes stable on every node.", (c, r, ct) => c.PromoteRolloutAsync(r, ct));
        AddOperation(root, context, id, "pause", "Hold the rollout at its current weights.", (c, r, ct) => c.PauseRolloutAsync(r, ct));
        AddOperation(root, context, id, "resume", "Go on from a pause (or analyse again after an inconclusive verdict).", (c, r, ct) => c.ResumeRolloutAsync(r, ct));
        AddOperation(root, context, id, "approve", "Let a version with new capabilities leave the canary (platform admins).", (c, r, ct) => c.ApproveRolloutAsync(r, ct));

        var reason = new Option<string?>("--reason") { Description = "Why, for the rollout's timeline and the audit log." };
        var abort = new Command("abort", "Stop the rollout: every node back on the stable version.") { id, reason };
        abort.Handle(context, async (parse, cli, ct) =>
        {
            var rollout = await cli.Client().AbortRolloutAsync(parse.GetValue(id), parse.GetValue(reason), ct);
            await cli.Output.WriteLineAsync($"Abort requested for rollout {rollout.Id} ({rollout.Service} {rollout.TargetVersion}).");
            return 0;
        });
        root.Add(abort);

        var to = new Option<string?>("--to") { Description = "The version to go back to (default: the one before the stable one)." };
        var rollback = new Command("rollback", "Fast rollback: an earlier version on every node at once.") { service, to, reason };
        rollback.Handle(context, async (parse, cli, ct) =>
        {
            var rollout = await cli.Client().RollbackAsync(parse.GetValue(service)!, new RollbackRequest(parse.GetValue(to), parse.GetValue(reason)), ct);
            await cli.Output.WriteLineAsync($"Rollback {rollout.Id}: {rollout.Service} back to {rollout.TargetVersion}. {rollout.Message}");
            return 0;
        });
        root.Add(rollback);
    }

    private static void AddOperation(RootCommand root, Func<ParseResult, CliContext> context, Argument<Guid> id, string name, string description,
        Func<PlatformClient, Guid, CancellationToken, Task<RolloutDto>> operate)
    {
        var command = new Command(name, description) { id };
        command.Handle(context, async (parse, cli, ct) =>
        {
            var rollout = await operate(cli.Client(), parse.GetValue(id), ct);
            await cli.Output.WriteLineAsync($"{char.ToUpperInvariant(name[0])}{name[1..]} requested for rollout {rollout.Id} ({rollout.Service} {rollout.TargetVersion}): {rollout.Phase}.");
            return 0;
        });
        root.Add(command);
    }

    /// <summary>Prints each new message until the rollout ends: 0 when it succeeded, 1 when it failed, was aborted or took too long.</summary>
    private static async Task<int> FollowAsync(CliContext cli, PlatformClient client, RolloutDto rollout, TimeSpan timeout, CancellationToken ct)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        var last = rollout.Message;
        while (!Finished.Contains(rollout.Phase))
        {
            if (DateTimeOffset.UtcNow > until)
                throw new CliException($"Rollout {rollout.Id} did not finish within {timeout.TotalSeconds:0} s; it goes on ('platform rollout {rollout.Id}').");
            await Task.Delay(cli.Environment.PollInterval, ct);
            rollout = await client.RolloutAsync(rollout.Id, ct);
            if (rollout.Message != last)
            {
                await cli.Output.WriteLineAsync($"  {rollout.Phase}: {rollout.Message}");
                last = rollout.Message;
            }
        }
        if (rollout.Phase == "succeeded")
        {
            await cli.Output.WriteLineAsync($"Rollout {rollout.Id} succeeded: {rollout.Service} {rollout.TargetVersion} runs on every node.");
            return 0;
        }
        await cli.Error.WriteLineAsync($"error: rollout {rollout.Id} {rollout.Phase}: {rollout.Message}");
        return 1;
    }

    private static async Task Describe(TextWriter output, RolloutDto r)
    {
        await output.WriteLineAsync($"Rollout {r.Id}: {r.Service} {r.PreviousVersion ?? "(none)"} → {r.TargetVersion}");
        await output.WriteLineAsync($"  phase      {r.Phase}{(r.EmergencyReason is { } why ? $" (emergency: {why})" : "")}");
        await output.WriteLineAsync($"  strategy   {r.StrategySource}; step {Math.Min(r.Step + 1, Math.Max(r.StepCount, 1))} of {r.StepCount}{(r.CurrentStep is { } step ? $" ({step})" : "")}{(r.RingName is { } ring ? $" on ring {ring}" : "")}");
        if (r.Weights is { Count: > 0 } weights)
            await output.WriteLineAsync($"  weights    {string.Join(", ", weights.Select(w => $"{w.Ring} {w.Weight}%"
                + (w.BaselineWeight > 0 ? $" (+ baseline copy of {r.PreviousVersion} {w.BaselineWeight}%)" : "")))}");
        if (r.Hold is { } hold) await output.WriteLineAsync($"  waiting    {hold.Reason}");
        if (r.NewCapabilities is { IsEmpty: false } diff)
        {
            var state = r.ApprovedBy is { } admin ? $"approved by {admin}" : r.AwaitingApproval ? "awaiting approval by a platform admin ('platform approve')" : "not approved";
            await output.WriteLineAsync($"  capabilities new against {r.PreviousVersion ?? "nothing (first version)"}, {state}:");
            foreach (var line in diff.Describe()) await output.WriteLineAsync($"    + {line}");
        }
        if (r.Analysis is { } analysis)
            await output.WriteLineAsync($"  analysis   {analysis.Outcome} on ring {analysis.Ring} against {(analysis.Baseline is null ? "stable" : "the baseline")}: "
                + string.Join("; ", analysis.Metrics.Select(m => $"{m.Metric} {m.Outcome}")));
        await output.WriteLineAsync($"  message    {r.Message}");
        if (r.TraceId is { } trace) await output.WriteLineAsync($"  trace      {trace}");
        foreach (var e in r.Events.TakeLast(10)) await output.WriteLineAsync($"  {e.At.ToLocalTime():HH:mm:ss}  {e.Message}");
    }
}
