using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure;
using Platform.Application.Auditing;
using Platform.Application.Topics;
using Platform.Contracts.Topics;
using Platform.Data;
using Platform.Domain;

namespace Platform.Api.Features.Topics;

/// <summary>
/// PATCH /api/v1/topics/{name}: owners and platform admins change the description, retention and rights (a given list replaces
/// the old one). A retention value of <see cref="UpdateTopicRequest.NoLimit"/> removes that limit (the other must stay). The
/// stream takes the new retention inside the same transaction, so a refusal by the broker changes nothing.
/// </summary>
public static class UpdateTopic
{
    public static async Task<Results<Ok<TopicDto>, ValidationProblem>> Handle(
        string name, UpdateTopicRequest request, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, TopicStreams streams,
        IOptions<TopicOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var topic = await db.FindOwnedTopicAsync(name, actor, ct);
        var limits = options.Value;
        var errors = new ValidationErrors();
        TopicSettingsValidator.CheckDescription(request.Description, errors);
        TopicSettingsValidator.CheckRetentionChange(topic, request.MaxAgeSeconds, request.MaxBytes, limits, errors);
        var publishers = await TopicSettingsValidator.CheckAccessAsync(request.Publishers, "publishers", db, errors, ct);
        var subscribers = await TopicSettingsValidator.CheckAccessAsync(request.Subscribers, "subscribers", db, errors, ct);
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The topic change is invalid.");

        if (request.Description is { } description) topic.Description = description.Trim();
        if (request.MaxAgeSeconds is { } age) topic.MaxAge = age == UpdateTopicRequest.NoLimit ? null : TimeSpan.FromSeconds(age);
        if (request.MaxBytes is { } bytes) topic.MaxBytes = bytes == UpdateTopicRequest.NoLimit ? null : bytes;
        if (publishers is not null) topic.Publishers = publishers;
        if (subscribers is not null) topic.Subscribers = subscribers;
        topic.UpdatedAt = clock.GetUtcNow();
        audit.Record(actor, "topic.update", $"topic/{topic.Name}", TopicAudit.Details(topic));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await streams.ApplyAsync(topic, limits.MaxEventBytes, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(topic.ToDto());
    }
}
