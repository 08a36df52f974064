using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Application.Identity;
using Platform.Domain;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Contracts.Services;
using Platform.Data;

namespace Platform.Api.Features.Services;

public static class ServicesEndpoints
{
    public static RouteGroupBuilder MapServicesEndpoints(this RouteGroupBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("Services").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        services.MapGet("/", List);
        services.MapPost("/", CreateService.Handle).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Create a service from a template (dryRun=true previews the files and creates nothing).");
        services.MapGet("/{name}", Get);
        services.MapPatch("/{name}", UpdateService.Handle).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Change a service's settings (owners and admins): deployOnBuild.");
        services.MapGet("/{name}/metrics", ServiceMetrics.Handle).WithSummary("Live traffic per version, summed over the edge nodes.");
        services.MapGet("/{name}/source", Source).WithSummary("The newest source revision the platform holds.");
        services.MapGet("/{name}/quotas", ServiceQuotas.Get).WithSummary("The quotas that hold for the service (platform defaults or an admin's overrides).");
        services.MapPut("/{name}/quotas", ServiceQuotas.Put).RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy)
            .WithSummary("Platform admins set the service's quotas; a null field follows the platform default.");
        return api;
    }

    /// <summary>
    /// One page of services (see <see cref="ServiceListQuery"/>): the body is the page, <c>X-Total-Count</c> how many match
    /// the filters, and <c>Link: &lt;…&gt;; rel="next"</c> the next page while there is one.
    /// </summary>
    private static async Task<Results<Ok<List<ServiceDto>>, ValidationProblem>> List(string? search, string? team, bool? mine, string? status, string? sort,
        int? limit, string? after, HttpContext http, ClaimsPrincipal principal, PlatformDbContext db, ServiceReadModel readModel, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (ServiceListQuery.Parse(search, team, mine, status, sort, limit, after, errors) is not { } query)
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The list query is not valid.");
        var (page, more, total) = await query.RunAsync(db, principal.ToActor(), ct);
        Paging.WriteHeaders(http, total, more ? query.NextCursor(page[^1]) : null);
        return TypedResults.Ok(await readModel.ToDtosAsync(page, ct));
    }

    private static async Task<Ok<ServiceDto>> Get(string name, PlatformDbContext db, ServiceReadModel readModel, CancellationToken ct) =>
        TypedResults.Ok(await readModel.ToDtoAsync(await db.FindAsync(name, ct), ct));

    private static async Task<Results<Ok<SourceRevisionDto>, NotFound>> Source(string name, PlatformDbContext db, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        var revision = await db.SourceRevisions.AsNoTracking().Where(r => r.ServiceId == service.Id).OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        if (revision is null) return TypedResults.NotFound();
        return TypedResults.Ok(new SourceRevisionDto(revision.Number, revision.Digest, revision.Message, revision.Author, revision.CreatedAt,
            revision.Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new FileDto(f.Key, f.Value)).ToList(), revision.CommitSha));
    }
}
