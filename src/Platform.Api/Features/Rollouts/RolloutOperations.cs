using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Application.Jobs;
using Platform.Contracts.Rollouts;
using Platform.Data;
using Platform.Domain.Deployments;

namespace Platform.Api.Features.Rollouts;

/// <summary>
/// What people may ask of a running rollout. Each writes intent only (the Deployer acts on it in its next
/// pass), is written to the audit log, and is retried when the Deployer saved the rollout at the same moment.
/// </summary>
public static class RolloutOperations
{
    private const int Attempts = 5;

    public static Task<Ok<RolloutDto>> Promote(Guid id, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, JobScheduler scheduler, TimeProvider clock, CancellationToken ct) =>
        ActAsync(id, principal, db, audit, scheduler, clock, "rollout.promote", null, (r, a, now) => r.RequestPromote(a.Name, now), ct);

    public static Task<Ok<RolloutDto>> Pause(Guid id, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, JobScheduler scheduler, TimeProvider clock, CancellationToken ct) =>
        ActAsync(id, principal, db, audit, scheduler, clock, "rollout.pause", null, (r, a, now) => r.RequestPause(a.Name, now), ct);

    public static Task<Ok<RolloutDto>> Resume(Guid id, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, JobScheduler scheduler, TimeProvider clock, CancellationToken ct) =>
        ActAsync(id, principal, db, audit, scheduler, clock, "rollout.resume", null, (r, a, now) => r.RequestResume(a.Name, now), ct);

    public static async Task<Results<Ok<RolloutDto>, ValidationProblem>> Abort(
        Guid id, AbortRolloutRequest? request, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, JobScheduler scheduler, TimeProvider clock, CancellationToken ct)
    {
        if (request?.Reason is { Length: > Application.Deployments.RolloutStarter.MaxReasonLength })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"A reason has at most {Application.Deployments.RolloutStarter.MaxReasonLength} characters."] });
        return await ActAsync(id, principal, db, audit, scheduler, clock, "rollout.abort", request?.Reason, (r, a, now) => r.RequestAbort(a.Name, request?.Reason, now), ct);
    }

    public static Task<Ok<RolloutDto>> Approve(Guid id, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, JobScheduler scheduler, TimeProvider clock, CancellationToken ct) =>
        ActAsync(id, principal, db, audit, scheduler, clock, "rollout.approve", null, (r, a, now) => r.Approve(a.Name, now), ct);

    private static async Task<Ok<RolloutDto>> ActAsync(
        Guid id, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, JobScheduler scheduler, TimeProvider clock,
        string action, string? reason, Action<Rollout, Actor, DateTimeOffset> act, CancellationToken ct)
    {
        var actor = principal.ToActor();
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var rollout = await db.Rollouts.Include(r => r.Events).FirstOrDefaultAsync(r => r.Id == id, ct)
                ?? throw new NotFoundException("Rollout", id.ToString());
            var service = await db.Services.AsNoTracking().FirstAsync(s => s.Id == rollout.ServiceId, ct);
            if (!actor.CanActFor(service.OwnerTeamId))
                throw new ForbiddenException($"Only members of the team that owns '{service.Name}' (or platform admins) may change its rollouts.");
            act(rollout, actor, clock.GetUtcNow());
            var details = new Dictionary<string, string> { ["rollout"] = id.ToString() };
            if (!string.IsNullOrWhiteSpace(reason)) details["reason"] = reason.Trim();
            audit.Record(actor, action, $"service/{service.Name}", details);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                continue;
            }
            // Wake the Deployer in case no run is watching (e.g. one ended while the rollout was held).
            scheduler.RolloutRequested(id);
            return TypedResults.Ok(await RolloutsEndpoints.ToDtoAsync(db, rollout, ct));
        }
    }
}
