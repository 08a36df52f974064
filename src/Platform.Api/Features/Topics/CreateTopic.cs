using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Application.Auditing;
using Platform.Application.Topics;
using Platform.Contracts.Topics;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Topics;
using Platform.EdgeRuntime.Events;

namespace Platform.Api.Features.Topics;

/// <summary>
/// POST /api/v1/topics: validates everything first (nothing is stored and no stream made on failure), then stores the topic
/// (with schema version 1 when one is given) and creates its JetStream stream inside the same transaction: a stream the
/// broker refuses leaves no topic behind.
/// </summary>
public static class CreateTopic
{
    public static async Task<Results<Created<TopicDto>, ValidationProblem>> Handle(
        CreateTopicRequest request, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, TopicStreams streams,
        EventSchemas schemas, IOptions<TopicOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var limits = options.Value;
        var errors = new ValidationErrors();
        if (!Slug.IsValid(request.Name)) errors.Add("name", Slug.Describe("A topic name"));
        var team = Slug.IsValid(request.Team) ? await db.Teams.FirstOrDefaultAsync(t => t.Name == request.Team, ct) : null;
        if (team is null) errors.Add("team", $"There is no team '{request.Team}'.");
        TopicSettingsValidator.CheckDescription(request.Description, errors);
        TopicSettingsValidator.CheckRetention(request.MaxAgeSeconds, request.MaxBytes, limits, errors);
        var publishers = await TopicSettingsValidator.CheckAccessAsync(request.Publishers, "publishers", db, errors, ct);
        var subscribers = await TopicSettingsValidator.CheckAccessAsync(request.Subscribers, "subscribers", db, errors, ct);
        if (request.Schema is { } schema && TopicSchemaRules.Problem(schema, schemas) is { } problem) errors.Add("schema", problem);
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The topic request is invalid.");
        if (!actor.CanActFor(team!.Id)) throw new ForbiddenException($"Only members of team '{team.Name}' (or platform admins) may create topics for it.");
        if (await db.Topics.AnyAsync(t => t.Name == request.Name, ct)) throw new ConflictException($"A topic named '{request.Name}' already exists.");

        var now = clock.GetUtcNow();
        var topic = new Topic
        {
            Name = request.Name,
            Description = request.Description?.Trim() ?? "",
            OwnerTeamId = team.Id,
            OwnerTeam = team,
            MaxAge = request.MaxAgeSeconds is { } age ? TimeSpan.FromSeconds(age) : request.MaxBytes is null ? limits.DefaultMaxAge : null,
            MaxBytes = request.MaxBytes,
            Publishers = publishers ?? new(),
            Subscribers = subscribers ?? new(),
            CreatedBy = actor.AuditName,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (request.Schema is { } first)
            topic.Schemas.Add(new TopicSchemaVersion { TopicId = topic.Id, Version = 1, Schema = first.GetRawText(), CreatedBy = actor.AuditName, CreatedAt = now });
        db.Topics.Add(topic);
        audit.Record(actor, "topic.create", $"topic/{topic.Name}", TopicAudit.Details(topic));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await streams.ApplyAsync(topic, limits.MaxEventBytes, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/topics/{topic.Name}", topic.ToDto());
    }
}
