using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Application.Identity;
using Platform.Contracts.Services;
using Platform.Contracts.Templates;
using Platform.Data;
using Platform.Domain.Templates;

namespace Platform.Api.Features.Templates;

public static class TemplatesEndpoints
{
    public static RouteGroupBuilder MapTemplatesEndpoints(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates").WithTags("Templates").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        templates.MapGet("/", List).WithSummary("Templates with at least one version the caller may use; managed=true: the templates the caller manages, vetted or not.");
        templates.MapGet("/{name}", Get).WithSummary("A template with the versions the caller may see.");
        templates.MapGet("/{name}/versions", Versions);
        templates.MapGet("/{name}/versions/{version}", Version);
        templates.MapGet("/{name}/versions/{version}/files", Files).WithSummary("The version's files with their placeholders, by path.");
        templates.MapPost("/", TemplateLifecycle.Create).RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy);
        templates.MapPatch("/{name}", UpdateTemplate.Handle).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Edits the catalog entry: title, description, language, tags (owners or admins); the owning team (admins only).");
        templates.MapPost("/{name}/versions", TemplateLifecycle.Publish).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("Publish an immutable version as a draft (owning team or admins).");
        templates.MapPost("/{name}/versions/{version}/vet", TemplateLifecycle.Vet).RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy)
            .WithSummary("A platform admin approves a draft: developers see it from now on.");
        templates.MapPost("/{name}/versions/{version}/deprecate", TemplateLifecycle.Deprecate).RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy)
            .WithSummary("No longer offered for new services; existing services keep building.");
        return api;
    }

    /// <param name="managed">Only templates the caller manages (admins: all; others: their teams'), including those without a vetted version.</param>
    private static async Task<Ok<List<TemplateDto>>> List(bool? managed, ClaimsPrincipal principal, PlatformDbContext db, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var templates = await db.Templates.AsNoTracking().Include(t => t.Versions).Include(t => t.OwnerTeam).OrderBy(t => t.Name).ToListAsync(ct);
        var visible = managed == true
            ? templates.Where(t => actor.CanActFor(t.OwnerTeamId))
            : templates.Where(t => t.Versions.VisibleTo(actor, t.OwnerTeamId).NewestVetted() is not null);
        return TypedResults.Ok(visible.Select(t => t.ToDto(actor)).ToList());
    }

    private static async Task<Results<Ok<TemplateDto>, NotFound>> Get(string name, ClaimsPrincipal principal, PlatformDbContext db, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var template = await db.Templates.AsNoTracking().Include(t => t.Versions).Include(t => t.OwnerTeam).FirstOrDefaultAsync(t => t.Name == name, ct);
        if (template is null || !IsVisible(template, actor)) return TypedResults.NotFound();
        return TypedResults.Ok(template.ToDto(actor));
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
        var found = await FindVisibleAsync(name, version, principal.ToActor(), db, ct);
        return found is null ? TypedResults.NotFound() : TypedResults.Ok(found.ToDto(name));
    }

    private static async Task<Results<Ok<List<FileDto>>, NotFound>> Files(
        string name, string version, ClaimsPrincipal principal, PlatformDbContext db, CancellationToken ct)
    {
        var found = await FindVisibleAsync(name, version, principal.ToActor(), db, ct);
        if (found is null) return TypedResults.NotFound();
        return TypedResults.Ok(found.Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new FileDto(f.Key, f.Value)).ToList());
    }

    private static async Task<TemplateVersion?> FindVisibleAsync(string name, string version, Actor actor, PlatformDbContext db, CancellationToken ct)
    {
        var template = await db.Templates.AsNoTracking().Include(t => t.Versions).FirstOrDefaultAsync(t => t.Name == name, ct);
        return template?.Versions.VisibleTo(actor, template.OwnerTeamId).FirstOrDefault(v => v.Version == version);
    }

    /// <summary>Developers see templates with a vetted version; owners and admins see theirs from the moment they exist.</summary>
    private static bool IsVisible(Template template, Actor actor) =>
        actor.CanActFor(template.OwnerTeamId) || template.Versions.Any(v => v.Status == TemplateVersionStatus.Vetted);
}
