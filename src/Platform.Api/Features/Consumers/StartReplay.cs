using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Features.Services;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Application.Topics;
using Platform.Contracts.Topics;
using Platform.Data;
using Platform.Domain.Services;
using Platform.Domain.Topics;

namespace Platform.Api.Features.Consumers;

/// <summary>
/// Replays and re-drives (<see cref="EventReplay"/>). The target is the stable version or the canary, which must declare a
/// trigger on the topic; one replay at a time per trigger (409 naming the running one). The replay's consumers are made before
/// the replay is stored (NATS unreachable: 503, nothing changed); nodes running the target take part within a desired-state
/// refresh; the Deployer ends it when every event up to the source's last sequence at this moment has been handled.
/// </summary>
public static class StartReplay
{
    /// <summary>As the nodes' own consumers: an event unacknowledged this long past its deadline is given to another node.</summary>
    private static readonly TimeSpan AckMargin = TimeSpan.FromSeconds(10);

    public static async Task<Results<Accepted<ReplayDto>, ValidationProblem>> Handle(string name, string topic, StartReplayRequest? request,
        ClaimsPrincipal principal, PlatformDbContext db, ConsumerStreams streams, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        request ??= new StartReplayRequest();
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        var errors = new Dictionary<string, string[]>();
        if (request.FromSequence is null == request.FromTime is null)
            errors["fromSequence"] = ["Give exactly one starting point: fromSequence (a stream sequence, 1 = the first event) or fromTime."];
        else if (request.FromSequence is < 1)
            errors["fromSequence"] = ["fromSequence is a stream sequence: 1 or more."];
        else if (request.FromTime > clock.GetUtcNow())
            errors["fromTime"] = ["fromTime is in the future: nothing to replay yet."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The replay request is not valid.");

        var target = await TargetAsync(db, service, topic, request.Into, request.Filter, errors, ct);
        if (target is null) return TypedResults.ValidationProblem(errors, title: "The replay request is not valid.");
        var replay = new EventReplay
        {
            ServiceId = service.Id, Topic = topic, Filter = target.Trigger.Filter, Source = ReplaySource.Topic,
            FromSequence = request.FromSequence, FromTime = request.FromTime, TargetVersionId = target.VersionId, TargetVersion = target.Version,
            RequestedBy = actor.AuditName, RequestedAt = clock.GetUtcNow(),
        };
        return await StartAsync(service, replay, target.DeadlineMs, "consumer.replay", actor, db, streams, audit, ct);
    }

    public static async Task<Results<Accepted<ReplayDto>, ValidationProblem>> Redrive(string name, string topic, RedriveRequest? request,
        ClaimsPrincipal principal, PlatformDbContext db, ConsumerStreams streams, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        var errors = new Dictionary<string, string[]>();
        var target = await TargetAsync(db, service, topic, request?.Into, filter: null, errors, ct, anyFilter: true);
        if (target is null) return TypedResults.ValidationProblem(errors, title: "The re-drive request is not valid.");
        if (await streams.DeadLetterCountAsync(service.Name, topic, ct) == 0)
            throw new ConflictException($"'{service.Name}' has no dead letters of topic '{topic}'.");
        var replay = new EventReplay
        {
            ServiceId = service.Id, Topic = topic, Filter = null, Source = ReplaySource.DeadLetters,
            TargetVersionId = target.VersionId, TargetVersion = target.Version, RequestedBy = actor.AuditName, RequestedAt = clock.GetUtcNow(),
        };
        return await StartAsync(service, replay, target.DeadlineMs, "consumer.redrive", actor, db, streams, audit, ct);
    }

    public static async Task<Ok<ReplayDto>> Cancel(string name, Guid id, ClaimsPrincipal principal, PlatformDbContext db, ConsumerStreams streams,
        AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        var replay = await db.EventReplays.FirstOrDefaultAsync(r => r.Id == id && r.ServiceId == service.Id, ct)
            ?? throw new NotFoundException("Replay", id.ToString());
        if (!replay.IsActive) throw new ConflictException($"Replay {id} has ended already ({replay.Outcome}).");
        replay.Finish($"cancelled by {actor.AuditName}", clock.GetUtcNow());
        audit.Record(actor, "consumer.replay.cancel", $"service/{service.Name}", Details(replay));
        await db.SaveChangesAsync(ct);
        await streams.EndReplayAsync(replay, ct);
        return TypedResults.Ok(replay.ToDto(service.Name, null));
    }

    private static async Task<Results<Accepted<ReplayDto>, ValidationProblem>> StartAsync(Service service, EventReplay replay, int deadlineMs, string action, Actor actor,
        PlatformDbContext db, ConsumerStreams streams, AuditLog audit, CancellationToken ct)
    {
        var running = await db.EventReplays.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ServiceId == service.Id && r.Topic == replay.Topic && r.FinishedAt == null
                && (r.Source == ReplaySource.DeadLetters || replay.Source == ReplaySource.DeadLetters || r.Filter == replay.Filter), ct);
        if (running is not null)
            throw new ConflictException($"Replay {running.Id} of '{service.Name}' on topic '{replay.Topic}' is still running " +
                $"(asked by {running.RequestedBy}); cancel it or wait until it ends.");
        var last = await streams.LastSequenceAsync(replay, ct);
        if (replay.FromSequence is { } from && (ulong)from > last)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["fromSequence"] = [$"Topic '{replay.Topic}' holds events up to sequence {last}: nothing to replay from {from}."],
            }, title: "The replay request is not valid.");
        replay.UntilSequence = (long)last;
        await streams.StartReplayAsync(replay, service.Name, TimeSpan.FromMilliseconds(deadlineMs) + AckMargin, ct);
        db.EventReplays.Add(replay);
        audit.Record(actor, action, $"service/{service.Name}", Details(replay));
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/v1/services/{service.Name}/replays", replay.ToDto(service.Name, null));
    }

    /// <summary>
    /// The version replayed into ("stable" or "canary") and its trigger on <paramref name="topic"/>: the one with
    /// <paramref name="filter"/>, or the only one; null with the reason in <paramref name="errors"/>.
    /// </summary>
    private static async Task<DeployedTriggers.Entry?> TargetAsync(PlatformDbContext db, Service service, string topic, string? into, string? filter,
        Dictionary<string, string[]> errors, CancellationToken ct, bool anyFilter = false)
    {
        into = string.IsNullOrEmpty(into) ? "stable" : into;
        if (into is not ("stable" or "canary"))
        {
            errors["into"] = ["into is \"stable\" or \"canary\"."];
            return null;
        }
        var deployment = await db.ServiceDeployments.AsNoTracking().Where(d => d.ServiceId == service.Id)
            .Select(d => new { HasCanary = d.CanaryVersionId != null }).FirstOrDefaultAsync(ct)
            ?? throw new ConflictException($"'{service.Name}' is not deployed: nothing consumes its events.");
        var wanted = into == "canary";
        if (wanted && !deployment.HasCanary) throw new ConflictException($"'{service.Name}' has no canary now.");
        var triggers = await DeployedTriggers.OfAsync(db, service.Id, ct);
        var onTopic = triggers.Where(t => t.Canary == wanted && t.Trigger.Topic == topic).ToList();
        if (onTopic.Count == 0)
        {
            errors["topic"] = [$"The {into} version of '{service.Name}' has no trigger on topic '{topic}'."];
            return null;
        }
        if (anyFilter) return onTopic[0];
        if (filter is not null)
        {
            if (onTopic.FirstOrDefault(t => t.Trigger.Filter == filter) is { } match) return match;
            errors["filter"] = [$"The {into} version has no trigger on '{topic}' with filter '{filter}' (it has: {Filters(onTopic)})."];
            return null;
        }
        if (onTopic.Count == 1) return onTopic[0];
        errors["filter"] = [$"The {into} version has several triggers on '{topic}' ({Filters(onTopic)}): name one by its filter."];
        return null;
    }

    private static string Filters(IEnumerable<DeployedTriggers.Entry> triggers) =>
        string.Join(", ", triggers.Select(t => t.Trigger.Filter is null ? "no filter" : $"'{t.Trigger.Filter}'"));

    private static Dictionary<string, string> Details(EventReplay replay)
    {
        var details = new Dictionary<string, string>
        {
            ["replay"] = replay.Id.ToString(), ["topic"] = replay.Topic, ["source"] = replay.Source.SourceName(), ["version"] = replay.TargetVersion,
            ["until"] = replay.UntilSequence.ToString(CultureInfo.InvariantCulture),
        };
        if (replay.Filter is not null) details["filter"] = replay.Filter;
        if (replay.FromSequence is { } from) details["fromSequence"] = from.ToString(CultureInfo.InvariantCulture);
        if (replay.FromTime is { } time) details["fromTime"] = time.ToString("O", CultureInfo.InvariantCulture);
        return details;
    }
}
