using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Features.Services;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Contracts.Rollouts;
using Platform.Data;
using Platform.Domain;
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

    private static readonly string[] Sorts = ["-created", "created"];

    /// <summary>
    /// One page of a service's rollouts, newest first unless <c>sort=created</c>; <c>phase</c> keeps those in that phase
    /// (pending, progressing, succeeded, failed, aborted). Pages as every list does (<see cref="Paging"/>).
    /// </summary>
    private static async Task<Results<Ok<List<RolloutDto>>, ValidationProblem>> List(string name, string? phase, string? sort, int? limit,
        string? after, HttpContext http, PlatformDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        RolloutPhase? inPhase = null;
        if (phase is not null)
        {
            if (Enum.TryParse<RolloutPhase>(phase, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(phase, out _)) inPhase = parsed;
            else errors.Add("phase", $"One of {string.Join(", ", Enum.GetNames<RolloutPhase>().Select(n => n.ToLowerInvariant()))}.");
        }
        sort = Paging.Sort(sort, Sorts, errors);
        var pageLimit = Paging.Limit(limit, errors);
        var cursor = Paging.After(after, sort, 2, (i, part) => i == 0 ? Paging.TryTimestamp(part, out _) : Guid.TryParseExact(part, "N", out _), errors);
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The list query is not valid.");
        var service = await db.FindAsync(name, ct);
        var rollouts = db.Rollouts.AsNoTracking().Where(r => r.ServiceId == service.Id);
        if (inPhase is { } wanted) rollouts = rollouts.Where(r => r.Phase == wanted);
        var total = await rollouts.CountAsync(ct);
        if (cursor is not null && Paging.TryTimestamp(cursor[0], out var at))
        {
            // Row comparison (created_at, id) > (at, id): the id breaks ties between rollouts created in the same microsecond.
            var id = Guid.ParseExact(cursor[1], "N");
            rollouts = sort == "created"
                ? rollouts.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.CreatedAt, r.Id), ValueTuple.Create(at, id)))
                : rollouts.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.CreatedAt, r.Id), ValueTuple.Create(at, id)));
        }
        rollouts = sort == "created"
            ? rollouts.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            : rollouts.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
        var (page, more) = Paging.Split(await rollouts.Include(r => r.Events).Take(pageLimit + 1).ToListAsync(ct), pageLimit);
        Paging.WriteHeaders(http, total, more ? Paging.Cursor(sort, Paging.Ticks(page[^1].CreatedAt), page[^1].Id.ToString("N")) : null);
        var versions = await VersionNamesAsync(db, page, ct);
        return TypedResults.Ok(page.Select(r => r.ToDto(name, versions)).ToList());
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
