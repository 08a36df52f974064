using System.CommandLine;
using System.Globalization;
using Platform.Contracts.Topics;

namespace Platform.Cli.Commands;

/// <summary>consumers, dead-letters, replay, redrive, replays, replay-cancel.</summary>
internal static class ConsumerCommands
{
    public static void Add(RootCommand root, Func<ParseResult, CliContext> context)
    {
        var service = new Argument<string>("service") { Description = "The service's name." };
        var consumers = new Command("consumers", "A service's triggers: lag, in flight, redeliveries, acknowledged, dead letters.") { service };
        consumers.Handle(context, async (parse, cli, ct) =>
        {
            var list = await cli.Client().ConsumersAsync(parse.GetValue(service)!, ct);
            TableWriter.Write(cli.Output, ["TOPIC", "FILTER", "VERSIONS", "LAG", "IN FLIGHT", "REDELIVERED", "ACKED", "DEAD", "LAST ACTIVE"],
                list.Select(c => (IReadOnlyList<string>)
                [
                    c.Topic, c.Filter ?? "*", string.Join(",", c.Versions), Count(c.Pending, c), Count(c.InFlight, c), Count(c.Redelivered, c),
                    Count(c.Delivered, c), c.DeadLetters.ToString(CultureInfo.InvariantCulture), c.Problem ?? When(c.LastActive),
                ]));
            return 0;
        });
        root.Add(consumers);

        var dlService = new Argument<string>("service") { Description = "The service's name." };
        var dlTopic = new Argument<string>("topic") { Description = "The topic." };
        var after = new Option<ulong>("--after") { Description = "Only dead letters after this dead-letter sequence (paging)." };
        var deadLetters = new Command("dead-letters", "A service's dead letters of a topic, oldest first, with the last error.") { dlService, dlTopic, after };
        deadLetters.Handle(context, async (parse, cli, ct) =>
        {
            var list = await cli.Client().DeadLettersAsync(parse.GetValue(dlService)!, parse.GetValue(dlTopic)!, parse.GetValue(after), ct: ct);
            TableWriter.Write(cli.Output, ["SEQ", "KEY", "SUBJECT", "TOPIC SEQ", "ATTEMPTS", "ERROR"], list.Select(d => (IReadOnlyList<string>)
            [
                d.Sequence.ToString(CultureInfo.InvariantCulture), d.Key ?? "-", d.Subject, d.OriginalSequence.ToString(CultureInfo.InvariantCulture),
                d.Attempts.ToString(CultureInfo.InvariantCulture), d.Error,
            ]));
            return 0;
        });
        root.Add(deadLetters);

        var rService = new Argument<string>("service") { Description = "The service's name." };
        var rTopic = new Argument<string>("topic") { Description = "The topic its trigger consumes." };
        var fromSequence = new Option<long?>("--from-sequence") { Description = "Replay from this stream sequence (1 = the first event kept)." };
        var fromTime = new Option<DateTimeOffset?>("--from-time") { Description = "Replay from this time (ISO 8601, e.g. 2026-12-07T09:00:00Z)." };
        var canary = new Option<bool>("--canary") { Description = "Into the canary instead of the stable version." };
        var filter = new Option<string?>("--filter") { Description = "The trigger's filter, when the service has several triggers on the topic." };
        var replay = new Command("replay", "Replay a service's trigger from a sequence or a time into stable (or --canary).")
            { rService, rTopic, fromSequence, fromTime, canary, filter };
        replay.Handle(context, async (parse, cli, ct) =>
        {
            var started = await cli.Client().StartReplayAsync(parse.GetValue(rService)!, parse.GetValue(rTopic)!, new StartReplayRequest(
                parse.GetValue(fromSequence), parse.GetValue(fromTime), parse.GetValue(canary) ? "canary" : "stable", parse.GetValue(filter)), ct);
            await cli.Output.WriteLineAsync($"Replay {started.Id}: {started.Topic} into {started.Version}, up to sequence {started.UntilSequence}.");
            return 0;
        });
        root.Add(replay);

        var dService = new Argument<string>("service") { Description = "The service's name." };
        var dTopic = new Argument<string>("topic") { Description = "The topic whose dead letters go back through the handler." };
        var dCanary = new Option<bool>("--canary") { Description = "Into the canary instead of the stable version." };
        var redrive = new Command("redrive", "Take a service's dead letters of a topic through its handler again; handled ones leave the dead letters.")
            { dService, dTopic, dCanary };
        redrive.Handle(context, async (parse, cli, ct) =>
        {
            var started = await cli.Client().RedriveAsync(parse.GetValue(dService)!, parse.GetValue(dTopic)!,
                new RedriveRequest(parse.GetValue(dCanary) ? "canary" : "stable"), ct);
            await cli.Output.WriteLineAsync($"Re-drive {started.Id}: dead letters of {started.Topic} into {started.Version}, up to sequence {started.UntilSequence}.");
            return 0;
        });
        root.Add(redrive);

        var lService = new Argument<string>("service") { Description = "The service's name." };
        var replays = new Command("replays", "A service's replays and re-drives, newest first.") { lService };
        replays.Handle(context, async (parse, cli, ct) =>
        {
            var list = await cli.Client().ReplaysAsync(parse.GetValue(lService)!, ct);
            TableWriter.Write(cli.Output, ["ID", "TOPIC", "SOURCE", "FROM", "UNTIL", "VERSION", "BY", "STATE"], list.Select(r => (IReadOnlyList<string>)
            [
                r.Id.ToString(), r.Topic, r.Source, From(r), r.UntilSequence.ToString(CultureInfo.InvariantCulture), r.Version, r.RequestedBy,
                r.FinishedAt is null ? (r.Remaining is { } left ? $"running, ≤{left} to go" : "running") : r.Outcome ?? "ended",
            ]));
            return 0;
        });
        root.Add(replays);

        var cService = new Argument<string>("service") { Description = "The service's name." };
        var cId = new Argument<Guid>("replay") { Description = "The replay's id (see replays)." };
        var cancel = new Command("replay-cancel", "Stop an active replay or re-drive (events handled so far stay handled).") { cService, cId };
        cancel.Handle(context, async (parse, cli, ct) =>
        {
            var cancelled = await cli.Client().CancelReplayAsync(parse.GetValue(cService)!, parse.GetValue(cId), ct);
            await cli.Output.WriteLineAsync($"Replay {cancelled.Id}: {cancelled.Outcome}.");
            return 0;
        });
        root.Add(cancel);
    }

    private static string Count(long value, ConsumerDto consumer) => consumer.Problem is null ? value.ToString(CultureInfo.InvariantCulture) : "-";

    private static string When(DateTimeOffset? time) =>
        time is { } t ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    private static string From(ReplayDto replay) =>
        replay.Source == EventSubjects.ReplayFromDeadLetters ? "dead letters"
        : replay.FromSequence is { } sequence ? $"#{sequence.ToString(CultureInfo.InvariantCulture)}" : When(replay.FromTime);
}
