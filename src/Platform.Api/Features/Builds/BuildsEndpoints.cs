using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Features.Services;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Application.Builds;
using Platform.Application.Jobs;
using Platform.Contracts.Builds;
using Platform.Data;

namespace Platform.Api.Features.Builds;

public static class BuildsEndpoints
{
    public static RouteGroupBuilder MapBuildsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/services/{name}/builds", List).WithTags("Builds").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        api.MapPost("/services/{name}/builds", Start).WithTags("Builds").RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Build the service's newest source revision again (429 when its queued-builds quota is used up).");
        api.MapGet("/builds/{id:guid}", Get).WithTags("Builds").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        api.MapGet("/builds/{id:guid}/logs", Logs).WithTags("Builds").RequireAuthorization(PlatformClaims.DeveloperPolicy)
            .WithSummary("Build log from an offset; poll with nextOffset until complete.");
        return api;
    }

    private static async Task<Ok<List<BuildDto>>> List(string name, PlatformDbContext db, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        var builds = await db.Builds.AsNoTracking().Where(b => b.ServiceId == service.Id).OrderByDescending(b => b.QueuedAt).Take(50).ToListAsync(ct);
        return TypedResults.Ok(builds.Select(b => b.ToDto(name)).ToList());
    }

    private static async Task<Created<BuildDto>> Start(
        string name, ClaimsPrincipal principal, PlatformDbContext db, BuildRequests builds, JobScheduler scheduler, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        var template = service.TemplateVersionId is null ? null : await db.TemplateVersions.AsNoTracking().FirstAsync(t => t.Id == service.TemplateVersionId, ct);
        var revision = await db.SourceRevisions.Where(r => r.ServiceId == service.Id).OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        if (template is null || revision is null)
            throw new Platform.Domain.DomainException($"Service '{name}' has no source held by the platform; publish its versions through the API.");
        Domain.Builds.Build build;
        // Under the service's lock: two requests cannot both take the last place in its build queue.
        await using (await Application.Sources.RepositoryLock.AcquireAsync(db, service.Name, ct))
        {
            build = await builds.QueueAsync(service, revision, template.Toolchain, actor, ct);
            await db.SaveChangesAsync(ct);
        }
        scheduler.BuildQueued(build.Id);
        return TypedResults.Created($"/api/v1/builds/{build.Id}", build.ToDto(name));
    }

    private static async Task<Ok<BuildDto>> Get(Guid id, PlatformDbContext db, CancellationToken ct)
    {
        var row = await db.Builds.AsNoTracking().Where(b => b.Id == id)
            .Join(db.Services, b => b.ServiceId, s => s.Id, (b, s) => new { Build = b, Service = s.Name }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Build", id.ToString());
        return TypedResults.Ok(row.Build.ToDto(row.Service));
    }

    private static async Task<Ok<BuildLogDto>> Logs(Guid id, int? offset, PlatformDbContext db, CancellationToken ct)
    {
        var build = await db.Builds.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("Build", id.ToString());
        var from = Math.Clamp(offset ?? 0, 0, build.Log.Length);
        return TypedResults.Ok(new BuildLogDto(id, build.Status.ToString().ToLowerInvariant(), from, build.Log.Length, build.Log[from..], build.IsFinished));
    }
}
