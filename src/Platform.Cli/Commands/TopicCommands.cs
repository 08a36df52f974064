using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Platform.Contracts.Topics;

namespace Platform.Cli.Commands;

/// <summary>topics, topic-create, topic-schema, publish-event.</summary>
internal static class TopicCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Add(RootCommand root, Func<ParseResult, CliContext> context)
    {
        var topics = new Command("topics", "The topics: owner team, retention, schema versions, who may publish and subscribe.");
        topics.Handle(context, async (_, cli, ct) =>
        {
            var list = await cli.Client().TopicsAsync(ct);
            TableWriter.Write(cli.Output, ["NAME", "TEAM", "RETENTION", "SCHEMA", "PUBLISHERS", "SUBSCRIBERS"], list.Select(t => (IReadOnlyList<string>)
            [
                t.Name, t.OwnerTeam, Retention(t), t.SchemaVersions is [.., var last] ? $"v{last}" : "-", Access(t.Publishers), Access(t.Subscribers),
            ]));
            return 0;
        });
        root.Add(topics);

        var name = new Argument<string>("topic") { Description = "The topic's name (lower-case letters, digits, single hyphens)." };
        var team = new Option<string>("--team", "-t") { Description = "The team that owns it (one of yours).", Required = true };
        var description = new Option<string?>("--description", "-d") { Description = "What the events are." };
        var maxAge = new Option<string?>("--max-age") { Description = "Keep events this long: 90s, 30m, 12h, 7d (default: the platform's, 7d)." };
        var maxBytes = new Option<long?>("--max-bytes") { Description = "Cap the stream's size in bytes (oldest events go first)." };
        var publishTeams = new Option<string[]>("--publish-team") { Description = "A team that may publish (repeatable; the owner team always may)." };
        var publishServices = new Option<string[]>("--publish-service") { Description = "A service that may publish (repeatable)." };
        var subscribeTeams = new Option<string[]>("--subscribe-team") { Description = "A team whose services may subscribe (repeatable)." };
        var subscribeServices = new Option<string[]>("--subscribe-service") { Description = "A service that may subscribe (repeatable)." };
        var schemaFile = new Option<FileInfo?>("--schema") { Description = "A JSON Schema file: schema version 1." };
        var create = new Command("topic-create", "Create a topic for one of your teams (its JetStream stream is made with it).")
            { name, team, description, maxAge, maxBytes, publishTeams, publishServices, subscribeTeams, subscribeServices, schemaFile };
        create.Handle(context, async (parse, cli, ct) =>
        {
            var schema = parse.GetValue(schemaFile) is { } file ? await ReadJsonAsync(file, ct) : (JsonElement?)null;
            var request = new CreateTopicRequest(parse.GetValue(name)!, parse.GetValue(team)!, parse.GetValue(description),
                parse.GetValue(maxAge) is { } age ? (long)ParseDuration(age).TotalSeconds : null, parse.GetValue(maxBytes),
                new TopicAccessDto(parse.GetValue(publishTeams) ?? [], parse.GetValue(publishServices) ?? []),
                new TopicAccessDto(parse.GetValue(subscribeTeams) ?? [], parse.GetValue(subscribeServices) ?? []), schema);
            var created = await cli.Client().CreateTopicAsync(request, ct);
            await cli.Output.WriteLineAsync($"Created topic {created.Name} (team {created.OwnerTeam}, stream {created.Stream}, retention {Retention(created)}).");
            return 0;
        });
        root.Add(create);

        var schemaTopic = new Argument<string>("topic") { Description = "The topic's name." };
        var schemaPath = new Argument<FileInfo?>("schema") { Description = "A JSON Schema file: the next version. Without it: the versions so far.", Arity = ArgumentArity.ZeroOrOne };
        var show = new Option<int?>("--show") { Description = "Print this schema version (its JSON Schema) instead of listing the versions." };
        var topicSchema = new Command("topic-schema",
            "Add the next schema version of a topic (refused, naming the field, when it would break events valid under the current one), list the versions, or show one.")
            { schemaTopic, schemaPath, show };
        topicSchema.Handle(context, async (parse, cli, ct) =>
        {
            var client = cli.Client();
            var topic = parse.GetValue(schemaTopic)!;
            var shown = parse.GetValue(show);
            if (parse.GetValue(schemaPath) is { } file)
            {
                if (shown is not null) throw new CliException("Give a schema file to add a version, or --show to print one, not both.");
                var added = await client.AddTopicSchemaAsync(topic, await ReadJsonAsync(file, ct), ct);
                await cli.Output.WriteLineAsync($"{topic}: schema version {added.Version} added.");
                return 0;
            }
            if (shown is { } version)
            {
                var schema = await client.TopicSchemaAsync(topic, version, ct);
                await cli.Output.WriteLineAsync($"{topic}: schema version {schema.Version}, added {schema.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} by {schema.CreatedBy}");
                await cli.Output.WriteLineAsync(JsonSerializer.Serialize(schema.Schema, Indented));
                return 0;
            }
            var versions = await client.TopicSchemasAsync(topic, ct);
            TableWriter.Write(cli.Output, ["VERSION", "ADDED", "BY"], versions.Select(v => (IReadOnlyList<string>)
                [$"v{v.Version}", v.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), v.CreatedBy]));
            return 0;
        });
        root.Add(topicSchema);

        var eventTopic = new Argument<string>("topic") { Description = "The topic's name." };
        var eventJson = new Argument<string?>("event") { Description = "The event as JSON; '-' or nothing reads it from stdin.", Arity = ArgumentArity.ZeroOrOne };
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Publishing again with the same key within two minutes stores the event once." };
        var key = new Option<string?>("--key") { Description = "The ordering key (\"order-42\"): events of one key reach every consumer in order." };
        var subject = new Option<string?>("--subject") { Description = "The event's subject within the topic (\"eu.created\"), what triggers filter on." };
        var publish = new Command("publish-event", "Publish one event to a topic (needs the publish right; checked against the topic's schema).")
            { eventTopic, eventJson, idempotencyKey, key, subject };
        publish.Handle(context, async (parse, cli, ct) =>
        {
            var json = parse.GetValue(eventJson) is { } text && text != "-" ? text : await cli.Environment.Input.ReadToEndAsync(ct);
            var published = await cli.Client().PublishEventAsync(parse.GetValue(eventTopic)!, json, parse.GetValue(idempotencyKey),
                parse.GetValue(key), parse.GetValue(subject), ct);
            await cli.Output.WriteLineAsync($"{published.Topic}: event stored at sequence {published.Sequence}" +
                (published.SchemaVersion is { } v ? $" (schema v{v})" : "") + (published.Duplicate ? " (a repeat: stored once)" : "") + ".");
            return 0;
        });
        root.Add(publish);
    }

    private static async Task<JsonElement> ReadJsonAsync(FileInfo file, CancellationToken ct)
    {
        if (!file.Exists) throw new CliException($"{file.FullName} does not exist.");
        try
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file.FullName, ct));
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CliException($"{file.FullName} is not JSON: {e.Message}");
        }
    }

    internal static TimeSpan ParseDuration(string text)
    {
        var unit = text.Length > 1 ? text[^1] : ' ';
        if (long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (unit)
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }
        throw new CliException($"'{text}' is not a duration: write a number and s, m, h or d (e.g. 7d).");
    }

    private static string Retention(TopicDto topic)
    {
        var parts = new List<string>();
        if (topic.MaxAgeSeconds is { } age) parts.Add(TimeSpan.FromSeconds(age) is var span && span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? $"{span.TotalDays:0}d" : $"{age}s");
        if (topic.MaxBytes is { } bytes) parts.Add($"{bytes}B");
        return parts.Count == 0 ? "-" : string.Join(" / ", parts);
    }

    private static string Access(TopicAccessDto access) =>
        string.Join(",", (access.Teams ?? []).Select(t => $"team:{t}").Concat((access.Services ?? []).Select(s => $"service:{s}"))) is { Length: > 0 } list ? list : "-";
}
