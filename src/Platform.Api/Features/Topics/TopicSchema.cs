using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Topics;
using Platform.Data;

namespace Platform.Api.Features.Topics;

/// <summary>
/// GET /api/v1/topics/{name}/schemas/{version}: one schema version, where <see cref="AddTopicSchema"/>'s Location points. A topic
/// that does not exist, or a version it does not have, is a 404 problem naming which.
/// </summary>
public static class TopicSchema
{
    public static async Task<Results<Ok<TopicSchemaDto>, ProblemHttpResult>> Handle(string name, int version, PlatformDbContext db, CancellationToken ct)
    {
        var topic = await db.Topics.AsNoTracking().Where(t => t.Name == name).Select(t => new { t.Id }).FirstOrDefaultAsync(ct);
        if (topic is null) return NotFound($"Topic '{name}' was not found.");
        var schema = await db.TopicSchemaVersions.AsNoTracking().FirstOrDefaultAsync(s => s.TopicId == topic.Id && s.Version == version, ct);
        if (schema is null)
        {
            var versions = await db.TopicSchemaVersions.Where(s => s.TopicId == topic.Id).OrderBy(s => s.Version).Select(s => s.Version).ToListAsync(ct);
            var has = versions.Count == 0 ? "it has no schema yet" : $"it has versions {string.Join(", ", versions.Select(v => v.ToString(CultureInfo.InvariantCulture)))}";
            return NotFound($"Topic '{name}' has no schema version {version.ToString(CultureInfo.InvariantCulture)}: {has}.");
        }
        return TypedResults.Ok(schema.ToDto());
    }

    /// <summary>As the exception handler answers a missing resource, with the detail saying which.</summary>
    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
