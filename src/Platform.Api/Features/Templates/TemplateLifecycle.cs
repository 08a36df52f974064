using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Application.Auditing;
using Platform.Contracts.Templates;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Templates;

namespace Platform.Api.Features.Templates;

/// <summary>
/// Templates as data: admins create templates; the owning team (or an admin) publishes immutable versions as
/// drafts; only a platform admin vets a draft, which offers it to developers; old versions can be deprecated.
/// </summary>
public static class TemplateLifecycle
{
    public static async Task<Results<Created<TemplateDto>, ValidationProblem>> Create(
        CreateTemplateRequest request, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!Slug.IsValid(request.Name)) errors.Add("name", Slug.Describe("A template name"));
        if (string.IsNullOrWhiteSpace(request.Title)) errors.Add("title", "A title is required.");
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Name == request.OwnerTeam, ct);
        if (team is null) errors.Add("ownerTeam", $"Team '{request.OwnerTeam}' does not exist.");
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary());
        if (await db.Templates.AnyAsync(t => t.Name == request.Name, ct)) throw new ConflictException($"Template '{request.Name}' already exists.");

        var template = new Template
        {
            Name = request.Name, Title = request.Title.Trim(), Description = request.Description?.Trim() ?? "", OwnerTeamId = team!.Id,
            Language = request.Language?.Trim() ?? "", Tags = request.Tags?.ToList() ?? [], CreatedAt = clock.GetUtcNow(),
        };
        db.Templates.Add(template);
        audit.Record(principal.ToActor(), "template.create", $"template/{template.Name}", new() { ["ownerTeam"] = team.Name });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/templates/{template.Name}",
            new TemplateDto(template.Name, template.Title, template.Description, team.Name, template.Language, template.Tags, "", "", []));
    }

    public static async Task<Results<Created<TemplateVersionDto>, ValidationProblem>> Publish(
        string name, PublishTemplateVersionRequest request, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit,
        TimeProvider clock, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var template = await db.Templates.Include(t => t.Versions).FirstOrDefaultAsync(t => t.Name == name, ct) ?? throw new NotFoundException("Template", name);
        if (!actor.CanActFor(template.OwnerTeamId)) throw new ForbiddenException($"Only the team that owns '{name}' (or a platform admin) publishes its versions.");

        var errors = new ValidationErrors();
        var parameters = new List<TemplateParameter>();
        foreach (var (dto, i) in (request.Parameters ?? []).Select((p, i) => (p, i)))
        {
            if (!Enum.TryParse<ParameterType>(dto.Type, ignoreCase: true, out var type))
                errors.Add($"parameters[{i}].type", $"'{dto.Type}' is not one of: {string.Join(", ", Enum.GetNames<ParameterType>()).ToLowerInvariant()}.");
            parameters.Add(new TemplateParameter
            {
                Name = dto.Name ?? "", Title = dto.Title ?? "", Type = type, Required = dto.Required, Pattern = dto.Pattern, PatternHelp = dto.PatternHelp,
                Options = dto.Options ?? [], Default = dto.Default, Help = dto.Help, MaxLength = dto.MaxLength,
            });
        }
        var files = request.Files ?? new Dictionary<string, string>();
        TemplateVersionRules.Check(request.Version ?? "", request.Toolchain ?? "", request.Executor ?? "", parameters, files, errors);
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The template version is invalid.");
        if (template.Versions.Any(v => v.Version == request.Version))
            throw new ConflictException($"Version {request.Version} of '{name}' already exists; template versions are immutable.");

        var version = new TemplateVersion
        {
            TemplateId = template.Id, Version = request.Version!, Toolchain = request.Toolchain!, Executor = request.Executor!,
            Parameters = parameters, Files = new Dictionary<string, string>(files, StringComparer.Ordinal), DeployOnCreate = request.DeployOnCreate,
            Status = TemplateVersionStatus.Draft, CreatedAt = clock.GetUtcNow(),
        };
        db.TemplateVersions.Add(version);
        audit.Record(actor, "template.version.publish", $"template/{name}", new() { ["version"] = version.Version });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/templates/{name}/versions/{version.Version}", version.ToDto(name));
    }

    public static Task<Ok<TemplateVersionDto>> Vet(string name, string version, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
        MoveAsync(name, version, principal, db, audit, ("vet", "vetted"), TemplateVersionStatus.Draft, TemplateVersionStatus.Vetted, v =>
        {
            v.VettedBy = principal.ToActor().AuditName;
            v.VettedAt = clock.GetUtcNow();
        }, ct);

    public static Task<Ok<TemplateVersionDto>> Deprecate(string name, string version, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, CancellationToken ct) =>
        MoveAsync(name, version, principal, db, audit, ("deprecate", "deprecated"), TemplateVersionStatus.Vetted, TemplateVersionStatus.Deprecated, _ => { }, ct);

    private static async Task<Ok<TemplateVersionDto>> MoveAsync(string name, string version, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit,
        (string Verb, string Done) action, TemplateVersionStatus from, TemplateVersionStatus to, Action<TemplateVersion> stamp, CancellationToken ct)
    {
        var found = await db.TemplateVersions.Include(v => v.Template).FirstOrDefaultAsync(v => v.Template!.Name == name && v.Version == version, ct)
            ?? throw new NotFoundException("Template version", $"{name}@{version}");
        if (found.Status != from)
            throw new ConflictException($"{name} {version} is {found.Status.ToString().ToLowerInvariant()}; only a {from.ToString().ToLowerInvariant()} version can be {action.Done}.");
        found.Status = to;
        stamp(found);
        audit.Record(principal.ToActor(), $"template.version.{action.Verb}", $"template/{name}", new() { ["version"] = version });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(found.ToDto(name));
    }
}
