using Platform.Api.Infrastructure;

namespace Platform.Api.Features.Consumers;

/// <summary>
/// A service's event consumers (its triggers as JetStream sees them), its dead letters, and replays: everyone signed in reads
/// the figures and the replays; the owning team (or an admin) reads the dead letters (they hold the events), replays,
/// re-drives and cancels.
/// </summary>
public static class ConsumersEndpoints
{
    public static RouteGroupBuilder MapConsumersEndpoints(this RouteGroupBuilder api)
    {
        var service = api.MapGroup("/services/{name}").WithTags("Consumers").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        service.MapGet("/consumers", ConsumerQueries.List)
            .WithSummary("The service's triggers with lag (pending), in flight, redeliveries, acknowledged and dead letters.");
        service.MapGet("/consumers/{topic}/dead-letters", ConsumerQueries.DeadLetters)
            .WithSummary("Owners and admins: the service's dead letters of the topic, oldest first (after: a dead-letter sequence; limit ≤ 100), each with its last error.");
        service.MapPost("/consumers/{topic}/replays", StartReplay.Handle).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Owners and admins: replay the trigger from a stream sequence or a time into stable or the canary (202).");
        service.MapPost("/consumers/{topic}/dead-letters/redrive", StartReplay.Redrive).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Owners and admins: take the dead letters through the handler again (202); handled ones leave the dead letters.");
        service.MapGet("/replays", ConsumerQueries.Replays).WithSummary("The service's replays and re-drives, newest first, with what remains of the active ones.");
        service.MapPost("/replays/{id:guid}/cancel", StartReplay.Cancel).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Owners and admins: stop an active replay (events already handled stay handled).");
        return api;
    }
}
