using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Api.Features.Services;
using Platform.Api.Infrastructure;
using Platform.Application.Sources;
using Platform.Contracts.Services;
using Platform.Data;

namespace Platform.Api.Features.Repositories;

public static class RepositoryEndpoints
{
    private const int RecentRevisions = 10;

    public static RouteGroupBuilder MapRepositoryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/services/{name}/repository", Get).WithTags("Services").RequireAuthorization(PlatformClaims.DeveloperPolicy)
            .WithSummary("The service's git repository (clone URL; use an API token as the password) and its newest source revisions.");
        return api;
    }

    private static async Task<Ok<RepositoryDto>> Get(string name, HttpContext http, PlatformDbContext db, GitRepositories repositories,
        IOptions<GitOptions> options, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        var revisions = await db.SourceRevisions.AsNoTracking().Where(r => r.ServiceId == service.Id)
            .OrderByDescending(r => r.Number).Take(RecentRevisions)
            .Select(r => new SourceRevisionSummaryDto(r.Number, r.CommitSha, r.Message, r.Author, r.CreatedAt))
            .ToListAsync(ct);
        if (!repositories.Exists(service.Name)) return TypedResults.Ok(new RepositoryDto(null, "main", null, revisions));

        var baseUrl = string.IsNullOrWhiteSpace(options.Value.PublicUrl)
            ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}"
            : options.Value.PublicUrl;
        var cloneUrl = $"{baseUrl.TrimEnd('/')}{GitHttpEndpoints.Prefix}/{service.Name}.git";
        return TypedResults.Ok(new RepositoryDto(cloneUrl, "main", await repositories.MainAsync(service.Name, ct), revisions));
    }
}
