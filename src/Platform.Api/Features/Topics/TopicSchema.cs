using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Topics;
using Platform.Data;

namespace Platform.Api.Features.Topics;

/// <summary>
/// GET /api/v1/topics/{name}/schemas/{version}: one schema version, where <see cref="AddTopicSchema"/>'s Location points. A topic
/// that does not exist is a 404 as everywhere; a version it does not have is a 404 problem naming the versions it has.
/// </summary>
public static class TopicSchema
{
    public static async Task<Results<Ok<TopicSchemaDto>, ProblemHttpResult>> Handle(string name, int version, PlatformDbContext db, CancellationToken ct)
    {
        var topic = await db.FindTopicAsync(name, ct);
        if (topic.Schemas.FirstOrDefault(s => s.Version == version) is { } schema) return TypedResults.Ok(schema.ToDto());
        var versions = topic.Schemas.Select(s => s.Version).Order().Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList();
        var has = versions.Count == 0 ? "it has no schema yet" : $"it has versions {string.Join(", ", versions)}";
        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: $"Topic '{name}' has no schema version {version.ToString(CultureInfo.InvariantCulture)}: {has}.");
    }
}
