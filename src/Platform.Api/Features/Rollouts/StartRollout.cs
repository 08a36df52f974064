using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Features.Services;
using Platform.Api.Infrastructure;
using Platform.Application.Deployments;
using Platform.Application.Jobs;
using Platform.Contracts.Rollouts;
using Platform.Data;
using Platform.Domain.Deployments;

namespace Platform.Api.Features.Rollouts;

/// <summary>Starting rollouts: a canary (or emergency full rollout) of a version, and the fast rollback.</summary>
public static class StartRollout
{
    public static async Task<Results<Created<RolloutDto>, ValidationProblem>> Handle(
        string name, StartRolloutRequest request, ClaimsPrincipal principal, PlatformDbContext db, RolloutStarter starter,
        JobScheduler scheduler, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        var target = await db.ComponentVersions.FirstOrDefaultAsync(v => v.ServiceId == service.Id && v.Version == request.Version, ct);
        if (target is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = [$"'{name}' has no published version '{request.Version}'."] });
        var rollout = await starter.StartAsync(service, target, new RolloutStart(request.Strategy, request.EmergencyReason), actor, ct);
        await db.SaveChangesAsync(ct);
        scheduler.RolloutRequested(rollout.Id);
        return TypedResults.Created($"/api/v1/rollouts/{rollout.Id}", await RolloutsEndpoints.ToDtoAsync(db, rollout, ct));
    }

    public static async Task<Results<Created<RolloutDto>, ValidationProblem>> Rollback(
        string name, RollbackRequest request, ClaimsPrincipal principal, PlatformDbContext db, RolloutStarter starter,
        JobScheduler scheduler, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        if (request.Reason is { Length: > RolloutStarter.MaxReasonLength })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"A reason has at most {RolloutStarter.MaxReasonLength} characters."] });
        var targetId = request.Version is { } wanted
            ? await db.ComponentVersions.Where(v => v.ServiceId == service.Id && v.Version == wanted).Select(v => (Guid?)v.Id).FirstOrDefaultAsync(ct)
            : await db.Rollouts.Where(r => r.ServiceId == service.Id && r.Phase == RolloutPhase.Succeeded && r.PreviousVersionId != null)
                .OrderByDescending(r => r.CompletedAt).Select(r => r.PreviousVersionId).FirstOrDefaultAsync(ct);
        if (targetId is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["version"] = [request.Version is null
                    ? $"'{name}' has no earlier version to go back to; name one."
                    : $"'{name}' has no published version '{request.Version}'."],
            });
        var target = await db.ComponentVersions.FirstAsync(v => v.Id == targetId, ct);
        var rollout = await starter.StartAsync(service, target, new RolloutStart(Rollback: true), actor, ct);
        if (!string.IsNullOrWhiteSpace(request.Reason)) rollout.Record("reason", $"Reason given: {request.Reason.Trim()}", rollout.CreatedAt);
        await db.SaveChangesAsync(ct);
        scheduler.RolloutRequested(rollout.Id);
        return TypedResults.Created($"/api/v1/rollouts/{rollout.Id}", await RolloutsEndpoints.ToDtoAsync(db, rollout, ct));
    }
}
