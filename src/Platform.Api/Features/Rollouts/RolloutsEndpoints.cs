using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Features.Services;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Contracts.Rollouts;
using Platform.Data;
using Platform.Domain.Deployments;

namespace Platform.Api.Features.Rollouts;

public static class RolloutsEndpoints
{
    public static RouteGroupBuilder MapRolloutsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/services/{name}/rollouts", List).WithTags("Rollouts").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        api.MapPost("/services/{name}/rollouts", StartRollout.Handle).WithTags("Rollouts").RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Roll a published version out as a canary (or, with an emergency reason, everywhere at once); one active rollout per service.");
        api.MapPost("/services/{name}/rollback", StartRollout.Rollback).WithTags("Rollouts").RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Put an earlier version back on every node at once (default: the version stable before the current one).");
        api.MapGet("/rollouts/{id:guid}", Get).WithTags("Rollouts").RequireAuthorization(PlatformClaims.DeveloperPolicy);

        var operations = api.MapGroup("/rollouts/{id:guid}").WithTags("Rollouts");
        operations.MapPost("/promote", RolloutOperations.Promote).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Skip the remaining steps: the target version gets every node.");
        operations.MapPost("/pause", RolloutOperations.Pause).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Hold the rollout at its current weights until resumed.");
        operations.MapPost("/resume", RolloutOperations.Resume).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Continue a paused or held rollout (an analysis gathers a fresh window).");
        operations.MapPost("/abort", RolloutOperations.Abort).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Roll back: every node serves the stable version again.");
        operations.MapPost("/approve", RolloutOperations.Approve).RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy)
            .WithSummary("Platform admins: let a version that declares new capabilities leave canary.");
        return api;
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
        return TypedResults.Ok(await ToDtoAsync(db, rollout, ct));
    }

    public static async Task<RolloutDto> ToDtoAsync(PlatformDbContext db, Rollout rollout, CancellationToken ct)
    {
        var service = await db.Services.AsNoTracking().Where(s => s.Id == rollout.ServiceId).Select(s => s.Name).FirstAsync(ct);
        return rollout.ToDto(service, await VersionNamesAsync(db, [rollout], ct));
    }

    private static async Task<Dictionary<Guid, string>> VersionNamesAsync(PlatformDbContext db, IReadOnlyList<Rollout> rollouts, CancellationToken ct)
    {
        var ids = rollouts.SelectMany(r => new[] { r.TargetVersionId, r.PreviousVersionId ?? Guid.Empty }).Distinct().ToList();
        return await db.ComponentVersions.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Version, ct);
    }
}
