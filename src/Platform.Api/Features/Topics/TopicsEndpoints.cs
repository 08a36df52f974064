using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Infrastructure;
using Platform.Contracts.Topics;
using Platform.Data;
using Platform.Domain;

namespace Platform.Api.Features.Topics;

public static class TopicsEndpoints
{
    public static RouteGroupBuilder MapTopicsEndpoints(this RouteGroupBuilder api)
    {
        var topics = api.MapGroup("/topics").WithTags("Topics").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        topics.MapGet("/", List)
            .WithSummary("One page of topics (search, team, sort name/-name, limit, after): owner, retention, rights and schema versions.");
        topics.MapPost("/", CreateTopic.Handle).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Create a topic for one of your teams; its JetStream stream is created with it.");
        topics.MapGet("/{name}", Get);
        topics.MapPatch("/{name}", UpdateTopic.Handle).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Owners and admins: change description, retention (applied to the stream) and rights.");
        topics.MapDelete("/{name}", DeleteTopic.Handle).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Owners and admins: delete the topic and its stream with every event in it.");
        topics.MapGet("/{name}/schemas", Schemas).WithSummary("The topic's schema versions, oldest first.");
        topics.MapGet("/{name}/schemas/{version}", TopicSchema.Handle).WithSummary("One schema version of the topic (where adding a version points).");
        topics.MapPost("/{name}/schemas", AddTopicSchema.Handle).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Owners and admins: add the next schema version; one that would break consumers is refused, naming the field.");
        topics.MapPost("/{name}/events", PublishEvent.Handle).RequireAuthorization(PlatformClaims.WriterPolicy)
            .Accepts<object>("application/json")
            .WithSummary("Publish one event (the body; optional key and subject query parameters) with the publish right; checked against the newest schema; 202 with the stream sequence.");
        return api;
    }

    /// <summary>
    /// One page of topics (see <see cref="TopicListQuery"/>): the body is the page, <c>X-Total-Count</c> how many match the
    /// filters, and <c>Link: &lt;…&gt;; rel="next"</c> the next page while there is one.
    /// </summary>
    private static async Task<Results<Ok<List<TopicDto>>, ValidationProblem>> List(string? search, string? team, string? sort, int? limit, string? after,
        HttpContext http, PlatformDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (TopicListQuery.Parse(search, team, sort, limit, after, errors) is not { } query)
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The list query is not valid.");
        var (page, more, total) = await query.RunAsync(db, ct);
        Paging.WriteHeaders(http, total, more ? query.NextCursor(page[^1]) : null);
        return TypedResults.Ok(page.Select(t => t.ToDto()).ToList());
    }

    private static async Task<Ok<TopicDto>> Get(string name, PlatformDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.FindTopicAsync(name, ct)).ToDto());

    private static async Task<Ok<List<TopicSchemaDto>>> Schemas(string name, PlatformDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.FindTopicAsync(name, ct)).Schemas.OrderBy(s => s.Version).Select(s => s.ToDto()).ToList());
}
