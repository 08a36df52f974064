using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Application.Auditing;
using Platform.Application.Topics;
using Platform.Data;

namespace Platform.Api.Features.Topics;

/// <summary>
/// DELETE /api/v1/topics/{name}: owners and platform admins delete the topic, its schemas and its stream with every event in it;
/// 409 naming the services while a stable or canary version triggers on it or publishes to it.
/// </summary>
public static class DeleteTopic
{
    public static async Task<NoContent> Handle(string name, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, TopicStreams streams, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var topic = await db.FindOwnedTopicAsync(name, actor, ct);
        if (await TopicUsage.DeployedServicesAsync(db, topic.Name, ct) is { Count: > 0 } users)
            throw new ConflictException($"Topic '{topic.Name}' is in use by the running versions of {string.Join(", ", users.Select(u => $"'{u}'"))} " +
                "(triggers or publish_topics); roll out versions without it first.");
        db.Topics.Remove(topic);
        audit.Record(actor, "topic.delete", $"topic/{topic.Name}", TopicAudit.Details(topic));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await streams.DeleteAsync(topic.Name, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
