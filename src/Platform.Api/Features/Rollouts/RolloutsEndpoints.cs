using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Features.Services;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Application.Deployments;
using Platform.Application.Jobs;
using Platform.Contracts.Rollouts;
using Platform.Data;
using Platform.Domain.Deployments;

namespace Platform.Api.Features.Rollouts;

public static class RolloutsEndpoints
{
    public static RouteGroupBuilder MapRolloutsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/services/{name}/rollouts", List).WithTags("Rollouts").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        api.MapPost("/services/{name}/rollouts", Start).WithTags("Rollouts").RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Roll a published version out to the edge; one active rollout per service.");
        api.MapGet("/rollouts/{id:guid}", Get).WithTags("Rollouts").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        return api;
    }

    private static async Task<Results<Created<RolloutDto>, ValidationProblem>> Start(
        string name, StartRolloutRequest request, ClaimsPrincipal principal, PlatformDbContext db, RolloutRequests rollouts,
        JobScheduler scheduler, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        var target = await db.ComponentVersions.FirstOrDefaultAsync(v => v.ServiceId == service.Id && v.Version == request.Version, ct);
        if (target is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = [$"'{name}' has no published version '{request.Version}'."] });
        var rollout = await rollouts.RequestAsync(service, target, actor, ct);
        await db.SaveChangesAsync(ct);
        scheduler.RolloutRequested(rollout.Id);
        return TypedResults.Created($"/api/v1/rollouts/{rollout.Id}", rollout.ToDto(name, await VersionNamesAsync(db, [rollout], ct)));
    }

    private static async Task<Ok<List<RolloutDto>>> List(string name, PlatformDbContext db, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        var rollouts = await db.Rollouts.AsNoTracking().Include(r => r.Events).Where(r => r.ServiceId == service.Id)
            .OrderByDescending(r => r.CreatedAt).Take(50).ToListAsync(ct);
        var versions = await VersionNamesAsync(db, rollouts, ct);
        return TypedResults.Ok(rollouts.Select(r => r.ToDto(name, versions)).ToList());
    }

    private static async Task<Ok<RolloutDto>> Get(Guid id, PlatformDbContext db, CancellationToken ct)
    {
        var rollout = await db.Rollouts.AsNoTracking().Include(r => r.Events).FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new NotFoundException("Rollout", id.ToString());
        var service = await db.Services.AsNoTracking().Where(s => s.Id == rollout.ServiceId).Select(s => s.Name).FirstAsync(ct);
        return TypedResults.Ok(rollout.ToDto(service, await VersionNamesAsync(db, [rollout], ct)));
    }

    private static async Task<Dictionary<Guid, string>> VersionNamesAsync(PlatformDbContext db, IReadOnlyList<Rollout> rollouts, CancellationToken ct)
    {
        var ids = rollouts.SelectMany(r => new[] { r.TargetVersionId, r.PreviousVersionId ?? Guid.Empty }).Distinct().ToList();
        return await db.ComponentVersions.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Version, ct);
    }
}
