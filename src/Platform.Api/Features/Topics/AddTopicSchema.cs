using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Infrastructure;
using Platform.Application.Auditing;
using Platform.Application.Topics;
using Platform.Contracts.Topics;
using Platform.Data;
using Platform.Domain.Topics;
using Platform.EdgeRuntime.Events;

namespace Platform.Api.Features.Topics;

/// <summary>
/// POST /api/v1/topics/{name}/schemas: the next schema version. It must be a JSON Schema (400 naming "schema" otherwise) and
/// backward compatible with the current version (<see cref="SchemaCompatibility"/>): a break answers 422 with one error per
/// event field it concerns, and nothing is stored.
/// </summary>
public static class AddTopicSchema
{
    public static async Task<Results<Created<TopicSchemaDto>, ValidationProblem, ProblemHttpResult>> Handle(
        string name, AddTopicSchemaRequest request, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, EventSchemas schemas,
        TimeProvider clock, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var topic = await db.FindOwnedTopicAsync(name, actor, ct);
        if (TopicSchemaRules.Problem(request.Schema, schemas) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["schema"] = [problem] }, title: "The schema is invalid.");

        var current = topic.Schemas.MaxBy(s => s.Version);
        if (current is not null)
        {
            var breaks = SchemaCompatibility.Check(JsonNode.Parse(current.Schema), JsonNode.Parse(request.Schema.GetRawText()));
            if (breaks.Count > 0)
            {
                var errors = breaks.GroupBy(b => b.Field).ToDictionary(g => g.Key, g => g.Select(b => $"{g.Key}: {b.Reason}").ToArray());
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "The new schema would break existing consumers.",
                    detail: $"Events valid under version {current.Version} would be refused: {string.Join("; ", breaks.Select(b => $"{b.Field}: {b.Reason}"))}. " +
                            "Publish a new topic for an incompatible change.",
                    extensions: new Dictionary<string, object?> { ["errors"] = errors, ["currentVersion"] = current.Version });
            }
        }

        var version = new TopicSchemaVersion
        {
            TopicId = topic.Id,
            Version = (current?.Version ?? 0) + 1,
            Schema = request.Schema.GetRawText(),
            CreatedBy = actor.AuditName,
            CreatedAt = clock.GetUtcNow(),
        };
        db.TopicSchemaVersions.Add(version);
        topic.UpdatedAt = version.CreatedAt;
        audit.Record(actor, "topic.schema.add", $"topic/{topic.Name}",
            new() { ["version"] = version.Version.ToString(CultureInfo.InvariantCulture) });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/topics/{topic.Name}/schemas/{version.Version}", version.ToDto());
    }
}
