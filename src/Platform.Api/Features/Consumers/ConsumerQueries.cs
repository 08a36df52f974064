using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NATS.Client.Core;
using Platform.Api.Features.Services;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Application.Topics;
using Platform.Contracts.Topics;
using Platform.Data;

namespace Platform.Api.Features.Consumers;

/// <summary>The read side of <see cref="ConsumersEndpoints"/>.</summary>
public static class ConsumerQueries
{
    /// <summary>
    /// Every trigger the deployed versions (stable, canary) declare, once per (topic, filter), with its consumers' figures. NATS
    /// unreachable is not an error of the list: each entry says so in <see cref="ConsumerDto.Problem"/>.
    /// </summary>
    public static async Task<Ok<List<ConsumerDto>>> List(string name, PlatformDbContext db, ConsumerStreams streams, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        var triggers = await DeployedTriggers.OfAsync(db, service.Id, ct);
        var list = new List<ConsumerDto>();
        foreach (var group in triggers.GroupBy(t => (t.Trigger.Topic, t.Trigger.Filter)))
        {
            var versions = group.Select(t => t.Version).Distinct().ToList();
            try
            {
                var figures = await streams.FiguresAsync(service.Name, group.Key.Topic, group.Key.Filter, ct);
                var dead = await streams.DeadLetterCountAsync(service.Name, group.Key.Topic, ct);
                list.Add(figures is null
                    ? new ConsumerDto(group.Key.Topic, group.Key.Filter, versions, 0, 0, 0, dead, 0, null, "No node has consumed it yet.")
                    : new ConsumerDto(group.Key.Topic, group.Key.Filter, versions, figures.Pending, figures.InFlight, figures.Redelivered, dead,
                        figures.Delivered, figures.LastActive, null));
            }
            catch (NatsException e)
            {
                list.Add(new ConsumerDto(group.Key.Topic, group.Key.Filter, versions, 0, 0, 0, 0, 0, null, $"NATS JetStream did not answer: {e.Message}"));
            }
        }
        return TypedResults.Ok(list);
    }

    /// <summary>The owners' (and admins') read: dead letters hold the events themselves, which other teams may not be allowed to subscribe to.</summary>
    public static async Task<Results<Ok<List<DeadLetterDto>>, ValidationProblem>> DeadLetters(string name, string topic, ulong? after, int? limit,
        ClaimsPrincipal principal, PlatformDbContext db, ConsumerStreams streams, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        if (!principal.ToActor().CanActFor(service.OwnerTeamId))
            throw new ForbiddenException($"Only the team that owns '{name}' (and platform admins) may read its dead letters: they hold its events.");
        if (limit is < 1 or > ConsumerStreams.MaxDeadLetters)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit is 1 to {ConsumerStreams.MaxDeadLetters}."] });
        return TypedResults.Ok(await streams.DeadLettersAsync(service.Name, topic, after ?? 0, limit ?? 50, ct));
    }

    /// <summary>The newest 50 replays of the service; the active ones with what remains (null when NATS does not answer).</summary>
    public static async Task<Ok<List<ReplayDto>>> Replays(string name, PlatformDbContext db, ConsumerStreams streams, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        var replays = await db.EventReplays.AsNoTracking().Where(r => r.ServiceId == service.Id)
            .OrderByDescending(r => r.RequestedAt).Take(50).ToListAsync(ct);
        var list = new List<ReplayDto>();
        foreach (var replay in replays)
        {
            long? remaining = null;
            if (replay.IsActive)
            {
                try
                {
                    remaining = await streams.RemainingAsync(replay, ct);
                }
                catch (NatsException)
                {
                }
            }
            list.Add(replay.ToDto(service.Name, remaining));
        }
        return TypedResults.Ok(list);
    }
}
