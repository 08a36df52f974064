using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Contracts.Topics;

/// <summary>
/// How events sit in JetStream, shared by the API (publishing from outside), the edge nodes (consuming, publishing from
/// components) and the dead letters. A topic's stream holds subjects <c>topics.&lt;topic&gt;.&lt;partition&gt;.&lt;subject&gt;</c>:
/// the partition is a hash of the event's key (<see cref="Partitions"/> of them), so every event of one key is in one
/// partition, and a consumer takes one partition's events one at a time: in order per key, across every node.
/// The subject is the publisher's (dot-separated lower-case tokens, "_" for none); a trigger's filter matches it.
/// </summary>
public static partial class EventSubjects
{
    /// <summary>Partitions per topic: how many events of one consumer can be handled at once (on all nodes together).</summary>
    public const int Partitions = 8;

    public const string NoSubject = "_";

    /// <summary>Headers an event carries beside the publisher's (Content-Type, traceparent, …).</summary>
    public const string KeyHeader = "Platform-Key";
    public const string IdHeader = "Nats-Msg-Id";
    public const string PublisherHeader = "Platform-Publisher";
    public const string SchemaVersionHeader = "Platform-Schema-Version";

    /// <summary>Dead letters: one stream for the platform, subject per consumer (<see cref="DeadLetterSubject"/>).</summary>
    public const string DeadLetterStream = "platform-dead-letters";
    public const string DeadLetterSubjects = "dead.>";
    public const string ErrorHeader = "Platform-Error";
    /// <summary>The event's id on a dead letter (its <see cref="IdHeader"/> would be taken for a duplicate of another consumer's).</summary>
    public const string EventIdHeader = "Platform-Event-Id";
    public const string AttemptsHeader = "Platform-Attempts";
    public const string OriginalSubjectHeader = "Platform-Original-Subject";
    public const string OriginalSequenceHeader = "Platform-Original-Sequence";

    /// <summary>The topic's stream (topic names are slugs, so this is a valid stream name).</summary>
    public static string Stream(string topic) => $"topic-{topic}";

    /// <summary>Everything of the topic: its stream's subjects.</summary>
    public static string[] StreamSubjects(string topic) => [$"topics.{topic}", $"topics.{topic}.>"];

    /// <summary>Where an event of <paramref name="key"/> with <paramref name="subject"/> (null or "" for none) is published.</summary>
    public static string Subject(string topic, string? key, string? subject) =>
        $"topics.{topic}.{PartitionOf(key)}.{(string.IsNullOrEmpty(subject) ? NoSubject : subject)}";

    /// <summary>A consumer's filter on one partition: <paramref name="filter"/> (null for all) below it.</summary>
    public static string Filter(string topic, int partition, string? filter) =>
        $"topics.{topic}.{partition}.{(string.IsNullOrEmpty(filter) ? ">" : filter)}";

    /// <summary>The subject an event was published with, from its JetStream subject ("eu.created", or "_").</summary>
    public static string SubjectOf(string streamSubject)
    {
        // topics.<topic>.<partition>.<subject…>
        var dots = 0;
        for (var i = 0; i < streamSubject.Length; i++)
        {
            if (streamSubject[i] == '.' && ++dots == 3)
            {
                return streamSubject[(i + 1)..];
            }
        }
        return NoSubject;
    }

    /// <summary>
    /// The durable consumer of one service's trigger (topic and filter) on one partition, shared by every node the service runs on.
    /// Two triggers of a service on one topic with different filters are two consumers (the filter's hash tells them apart).
    /// </summary>
    public static string Durable(string service, string topic, string? filter, int partition) =>
        string.IsNullOrEmpty(filter)
            ? $"svc-{service}--{topic}--{partition}"
            : $"svc-{service}--{topic}--{Hash(filter):x8}--{partition}";

    public static string DeadLetterSubject(string service, string topic) => $"dead.{service}.{topic}";

    /// <summary><see cref="Nodes.ReplayAssignmentDto.Source"/> of a replay from the topic's stream.</summary>
    public const string ReplayFromTopic = "topic";

    /// <summary><see cref="Nodes.ReplayAssignmentDto.Source"/> of a re-drive of the service's dead letters.</summary>
    public const string ReplayFromDeadLetters = "dead-letters";

    /// <summary>
    /// The consumers of one replay: one per partition of the topic (<paramref name="partition"/>), as the trigger's own, so the
    /// replayed events of a key stay in order; a re-drive has one (<paramref name="partition"/> null) over the dead letters.
    /// </summary>
    public static string ReplayDurable(Guid replay, int? partition) =>
        partition is { } p ? $"rpl-{replay:N}--{p}" : $"rpl-{replay:N}";

    /// <summary>Whether <paramref name="durable"/> is one of a replay's consumers (<see cref="ReplayDurable"/>).</summary>
    public static bool IsReplayDurable(string durable) => durable.StartsWith("rpl-", StringComparison.Ordinal);

    /// <summary>The partition of <paramref name="key"/> (FNV-1a of its UTF-8 bytes); a key-less event goes to a random one.</summary>
    public static int PartitionOf(string? key) =>
        string.IsNullOrEmpty(key) ? Random.Shared.Next(Partitions) : (int)(Hash(key) % Partitions);

    /// <summary>
    /// The key's bucket 0..99 for a consumer canary: a canary at weight w handles the keys whose bucket is below w, on every
    /// node alike (independent of the partition: the hash's higher bits). A key-less event gets a random bucket.
    /// </summary>
    public static int BucketOf(string? key) =>
        string.IsNullOrEmpty(key) ? Random.Shared.Next(100) : (int)(Hash(key) / Partitions % 100);

    /// <summary>A publisher's subject: dot-separated tokens of lower-case letters, digits, '-' and '_'; at most 128 characters.</summary>
    public static bool IsValidSubject(string subject) => subject.Length <= 128 && SubjectRegex().IsMatch(subject);

    /// <summary>A trigger's filter: like a subject, where a token may be '*' (any one) and the last may be '>' (the rest).</summary>
    public static bool IsValidFilter(string filter) => filter.Length <= 128 && FilterRegex().IsMatch(filter);

    /// <summary>
    /// Whether a publisher's <paramref name="subject"/> ("eu.created", "_" for none) is one a trigger's <paramref name="filter"/>
    /// takes (null or "" takes all), as NATS matches them: token by token, '*' any one token, a last '>' one or more.
    /// </summary>
    public static bool FilterTakes(string? filter, string subject)
    {
        if (string.IsNullOrEmpty(filter)) return true;
        var wanted = filter.Split('.');
        var tokens = subject.Split('.');
        for (var i = 0; i < wanted.Length; i++)
        {
            if (wanted[i] == ">") return i == wanted.Length - 1 && tokens.Length > i;
            if (i >= tokens.Length || (wanted[i] != "*" && wanted[i] != tokens[i])) return false;
        }
        return tokens.Length == wanted.Length;
    }

    /// <summary>
    /// A key: 1–256 printable ASCII characters (spaces inside, not at either end). It travels in a NATS header
    /// (<see cref="KeyHeader"/>), which carries ASCII only and trims the ends.
    /// </summary>
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= 256 && key.All(c => c is >= ' ' and <= '~') && key[0] != ' ' && key[^1] != ' ';

    private static uint Hash(string key)
    {
        var hash = 2166136261u;
        Span<byte> buffer = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(key.Length, 256))];
        var bytes = key.Length <= 256 ? buffer[..Encoding.UTF8.GetBytes(key, buffer)] : Encoding.UTF8.GetBytes(key);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash;
    }

    [GeneratedRegex(@"^[a-z0-9_-]+(\.[a-z0-9_-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectRegex();

    [GeneratedRegex(@"^(([a-z0-9_-]+|\*)(\.([a-z0-9_-]+|\*))*(\.>)?|>)$", RegexOptions.CultureInvariant)]
    private static partial Regex FilterRegex();
}
