using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Application.Topics;
using Platform.Contracts.Topics;
using Platform.Data;
using Platform.EdgeRuntime.Events;

namespace Platform.Api.Features.Topics;

/// <summary>
/// POST /api/v1/topics/{name}/events: publishes the request body (one JSON value) from outside the platform. The caller needs a
/// token with the write scope and the publish right (its team owns the topic or is among its publishers); the event is checked
/// against the topic's newest schema (400 naming each path that fails) and stored with the caller's W3C trace context as
/// headers. <c>key</c> (the ordering key: events of one key reach every consumer in order) and <c>subject</c> ("eu.created",
/// what triggers filter on) are optional query parameters, checked by <see cref="EventSubjects"/> (400 naming each).
/// 202 with the stream sequence once JetStream has it. Every event carries an id (<see cref="EventSubjects.IdHeader"/>) that
/// consumers dedupe by: derived from the Idempotency-Key header when there is one (then a repeat within two minutes answers the
/// first sequence instead of storing the event twice), a new one otherwise.
/// </summary>
public static class PublishEvent
{
    public static async Task<Results<Accepted<PublishedEventDto>, ValidationProblem>> Handle(
        string name, string? key, string? subject, HttpRequest request, ClaimsPrincipal principal, PlatformDbContext db, TopicStreams streams, EventSchemas schemas,
        IOptions<TopicOptions> options, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var topic = await db.FindTopicAsync(name, ct);
        if (!await db.MayPublishAsync(topic, actor, ct))
            throw new ForbiddenException($"You may not publish to topic '{name}': its owner team grants the right to teams (publishers.teams).");

        if (key is not null && !EventSubjects.IsValidKey(key))
            return Invalid("key", "A key is 1-256 printable ASCII characters, not starting or ending with a space.");
        if (subject is not null && !EventSubjects.IsValidSubject(subject))
            return Invalid("subject", "A subject is dot-separated tokens of lower-case letters, digits, '-' and '_' (\"eu.created\"), at most 128 characters.");

        var body = await ReadBodyAsync(request, options.Value.MaxEventBytes, ct);
        if (body is null)
            return Invalid("body", $"An event is one JSON value of at most {options.Value.MaxEventBytes} bytes.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return Invalid("body", $"The event is not JSON: {e.Message}");
        }
        using (document)
        {
            var schema = topic.Schemas.MaxBy(s => s.Version);
            if (schema is not null && schemas.Violations(schema.Schema, document.RootElement) is { Count: > 0 } violations)
                return TypedResults.ValidationProblem(violations, title: $"The event does not match schema version {schema.Version} of topic '{name}'.");

            var idempotencyKey = request.Headers["Idempotency-Key"].ToString();
            var id = string.IsNullOrEmpty(idempotencyKey) ? Guid.CreateVersion7().ToString() : $"{actor.AuditName}:{idempotencyKey}";
            var headers = new NatsHeaders
            {
                ["Content-Type"] = "application/json", [EventSubjects.PublisherHeader] = actor.AuditName, [EventSubjects.IdHeader] = id,
            };
            if (schema is not null) headers[EventSubjects.SchemaVersionHeader] = schema.Version.ToString(CultureInfo.InvariantCulture);
            if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
            {
                headers["traceparent"] = activity.Id!;
                if (!string.IsNullOrEmpty(activity.TraceStateString)) headers["tracestate"] = activity.TraceStateString;
            }
            var (sequence, duplicate) = await streams.PublishAsync(topic.Name, key, subject, body, headers, id, ct);
            return TypedResults.Accepted($"/api/v1/topics/{topic.Name}",
                new PublishedEventDto(topic.Name, Domain.Topics.TopicNames.Stream(topic.Name), sequence, schema?.Version, duplicate));
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The event is invalid.");

    /// <summary>The body, or null when it is empty or larger than <paramref name="limit"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.Length == 0 ? null : buffer.ToArray();
    }
}
