using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Topics;
using Platform.EdgeRuntime.Events;
using Platform.EdgeRuntime.Inspection;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Capabilities;

/// <summary>
/// platform:edge/publisher (0.2.0): events to the topics the manifest's <c>publish_topics</c> names, nothing else. An event for
/// a topic with a schema must match its newest version (<see cref="TopicSchemaBook"/>): one that does not is refused to the
/// guest with the failing paths and never stored. Every event carries the publishing service, a fresh id, the schema version
/// it was checked against and the current trace context; the call waits for the broker, at most for what is left of the
/// request's (or event's) deadline.
/// </summary>
internal static class PublisherCapability
{
    /// <summary>The largest event a component may publish (the API's default limit for events from outside).</summary>
    public const int MaxEventBytes = 512 * 1024;

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    public static void Define(ComponentLinkerInstance root, IEventPublisher? publisher, TopicSchemaBook schemas, IReadOnlyCollection<string> topics, string service,
        ILogger logger)
    {
        var granted = new HashSet<string>(topics, StringComparer.Ordinal);
        // Under its name in every version that has it (0.2.0 on): the data arrives as a list<u8> or as content, read alike.
        foreach (var name in PlatformWorld.InEveryVersion(PlatformWorld.Publisher))
        {
            using var instance = root.AddInstance(name);
            instance.DefineFunction("publish", (args, results) =>
                results[0] = Publish(publisher, schemas, granted, service, args[0].AsString(), args[1].AsString(), args[2].AsString(), args[3], logger));
        }
    }

    private static ComponentValue Publish(IEventPublisher? publisher, TopicSchemaBook schemas, HashSet<string> granted, string service, string topic,
        string subject, string key, ComponentValue data, ILogger logger)
    {
        var context = InvocationContext.Current;
        if (!granted.Contains(topic))
        {
            logger.LogWarning("Refused publish to topic {Topic} for request {RequestId}: not in publish_topics", topic, context.RequestId);
            return ComponentValues.ErrorText($"topic '{topic}' is not in the manifest's publish_topics");
        }
        if (subject.Length > 0 && !EventSubjects.IsValidSubject(subject))
        {
            return ComponentValues.ErrorText($"subject '{subject}' is not dot-separated lower-case tokens");
        }
        if (key.Length > 0 && !EventSubjects.IsValidKey(key))
        {
            return ComponentValues.ErrorText("the key must be 1–256 printable ASCII characters, without spaces at either end");
        }
        var bytes = ComponentValues.ToContent(data);
        if (bytes.Length > MaxEventBytes)
        {
            return ComponentValues.ErrorText($"an event is at most {MaxEventBytes} bytes");
        }
        if (publisher is null)
        {
            return ComponentValues.ErrorText("this node has no event broker configured");
        }
        var check = schemas.Check(topic, bytes);
        if (check.Error is { } refusal)
        {
            logger.LogWarning("Refused publish to topic {Topic} for request {RequestId}: {Reason}", topic, context.RequestId, refusal);
            return ComponentValues.ErrorText(refusal);
        }
        var headers = new List<KeyValuePair<string, string>>
        {
            new(EventSubjects.PublisherHeader, $"service:{service}"),
            new(EventSubjects.IdHeader, Guid.CreateVersion7().ToString()),
        };
        if (check.Version is { } version)
        {
            headers.Add(new(EventSubjects.SchemaVersionHeader, version.ToString(CultureInfo.InvariantCulture)));
        }
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            headers.Add(new("traceparent", activity.Id!));
            if (activity.TraceStateString is { Length: > 0 } state)
            {
                headers.Add(new("tracestate", state));
            }
        }
        var wait = context.Remaining < MaxWait ? context.Remaining : MaxWait;
        try
        {
            var sequence = publisher.Publish(topic, key, subject, bytes, headers, wait);
            return ComponentValue.Ok(ComponentValue.U64(sequence));
        }
        catch (EventPublishException ex)
        {
            logger.LogWarning("Publish to topic {Topic} failed for request {RequestId}: {Reason}", topic, context.RequestId, ex.Message);
            return ComponentValues.ErrorText($"publishing to '{topic}' failed: {ex.Message}");
        }
    }
}
