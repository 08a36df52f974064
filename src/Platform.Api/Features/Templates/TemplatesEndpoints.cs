using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Contracts.Templates;
using Platform.Data;

namespace Platform.Api.Features.Templates;

public static class TemplatesEndpoints
{
    public static RouteGroupBuilder MapTemplatesEndpoints(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates").WithTags("Templates").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        templates.MapGet("/", List).WithSummary("Templates with at least one version the caller may use.");
        templates.MapGet("/{name}/versions", Versions);
        templates.MapGet("/{name}/versions/{version}", Version);
        templates.MapPost("/", TemplateLifecycle.Create).RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy);
        templates.MapPost("/{name}/versions", TemplateLifecycle.Publish).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Publish an immutable version as a draft (owning team or admins).");
        templates.MapPost("/{name}/versions/{version}/vet", TemplateLifecycle.Vet).RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy)
            .WithSummary("A platform admin approves a draft: developers see it from now on.");
        templates.MapPost("/{name}/versions/{version}/deprecate", TemplateLifecycle.Deprecate).RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy)
            .WithSummary("No longer offered for new services; existing services keep building.");
        return api;
    }

    private static async Task<Ok<List<TemplateDto>>> List(ClaimsPrincipal principal, PlatformDbContext db, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var templates = await db.Templates.AsNoTracking().Include(t => t.Versions).Include(t => t.OwnerTeam).OrderBy(t => t.Name).ToListAsync(ct);
        var visible = templates
            .Select(t => (Template: t, Latest: t.Versions.VisibleTo(actor, t.OwnerTeamId).NewestVetted()))
            .Where(x => x.Latest is not null)
            .Select(x => new TemplateDto(x.Template.Name, x.Template.Title, x.Template.Description, x.Template.OwnerTeam!.Name,
                x.Template.Language, x.Template.Tags, x.Latest!.Version, x.Latest.Executor))
            .ToList();
        return TypedResults.Ok(visible);
    }

    private static async Task<Results<Ok<List<TemplateVersionDto>>, NotFound>> Versions(
        string name, ClaimsPrincipal principal, PlatformDbContext db, CancellationToken ct)
    {
        var template = await db.Templates.AsNoTracking().Include(t => t.Versions).FirstOrDefaultAsync(t => t.Name == name, ct);
        if (template is null) return TypedResults.NotFound();
        var actor = principal.ToActor();
        return TypedResults.Ok(template.Versions.VisibleTo(actor, template.OwnerTeamId).OrderByDescending(v => v.CreatedAt).Select(v => v.ToDto(name)).ToList());
    }

    private static async Task<Results<Ok<TemplateVersionDto>, NotFound>> Version(
        string name, string version, ClaimsPrincipal principal, PlatformDbContext db, CancellationToken ct)
    {
        var template = await db.Templates.AsNoTracking().Include(t => t.Versions).FirstOrDefaultAsync(t => t.Name == name, ct);
        var found = template?.Versions.VisibleTo(principal.ToActor(), template.OwnerTeamId).FirstOrDefault(v => v.Version == version);
        return found is null ? TypedResults.NotFound() : TypedResults.Ok(found.ToDto(name));
    }
}
