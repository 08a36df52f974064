using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Contracts.Topics;
using Platform.Data;

namespace Platform.Api.Features.Topics;

public static class TopicsEndpoints
{
    public static RouteGroupBuilder MapTopicsEndpoints(this RouteGroupBuilder api)
    {
        var topics = api.MapGroup("/topics").WithTags("Topics").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        topics.MapGet("/", List).WithSummary("Every topic: owner, retention, rights and schema versions.");
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
            .WithSummary("Publish one event (the body) with the publish right; checked against the newest schema; 202 with the stream sequence.");
        return api;
    }

    private static async Task<Ok<List<TopicDto>>> List(PlatformDbContext db, CancellationToken ct)
    {
        var topics = await db.Topics.AsNoTracking().Include(t => t.OwnerTeam).Include(t => t.Schemas).AsSplitQuery()
            .OrderBy(t => t.Name).ToListAsync(ct);
        return TypedResults.Ok(topics.Select(t => t.ToDto()).ToList());
    }

    private static async Task<Ok<TopicDto>> Get(string name, PlatformDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.FindTopicAsync(name, ct)).ToDto());

    private static async Task<Ok<List<TopicSchemaDto>>> Schemas(string name, PlatformDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.FindTopicAsync(name, ct)).Schemas.OrderBy(s => s.Version).Select(s => s.ToDto()).ToList());
}
