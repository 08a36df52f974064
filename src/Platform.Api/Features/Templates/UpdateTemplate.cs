using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Application.Auditing;
using Platform.Contracts.Templates;
using Platform.Data;
using Platform.Domain;

namespace Platform.Api.Features.Templates;

/// <summary>
/// PATCH /templates/{name}: the catalog entry (title, description, language, tags, owning team). Versions are
/// immutable and untouched. The audit entry names every field that changed, with its new value.
/// </summary>
public static partial class UpdateTemplate
{
    private const int MaxTags = 16;

    public static async Task<Results<Ok<TemplateDto>, ValidationProblem>> Handle(
        string name, UpdateTemplateRequest request, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var template = await db.Templates.Include(t => t.OwnerTeam).Include(t => t.Versions)
            .FirstOrDefaultAsync(t => t.Name == name, ct) ?? throw new NotFoundException("Template", name);
        if (!actor.CanActFor(template.OwnerTeamId)) throw new ForbiddenException($"Only the team that owns '{name}' (or a platform admin) edits it.");

        var errors = new ValidationErrors();
        if (request.Title is not null && string.IsNullOrWhiteSpace(request.Title)) errors.Add("title", "A title cannot be empty.");
        var tags = request.Tags?.Select(t => t.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (tags is not null && (tags.Count > MaxTags || tags.Any(t => !TagRegex().IsMatch(t))))
            errors.Add("tags", $"At most {MaxTags} tags, each 1-32 lower-case letters, digits and hyphens.");
        var team = template.OwnerTeam;
        if (request.OwnerTeam is not null && request.OwnerTeam != template.OwnerTeam!.Name)
        {
            if (!actor.IsAdmin) throw new ForbiddenException("Only a platform admin hands a template to another team.");
            team = await db.Teams.FirstOrDefaultAsync(t => t.Name == request.OwnerTeam, ct);
            if (team is null) errors.Add("ownerTeam", $"Team '{request.OwnerTeam}' does not exist.");
        }
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The template cannot be changed like this.");

        var changed = new Dictionary<string, string>();
        Set(changed, "title", template.Title, request.Title?.Trim(), v => template.Title = v);
        Set(changed, "description", template.Description, request.Description?.Trim(), v => template.Description = v);
        Set(changed, "language", template.Language, request.Language?.Trim(), v => template.Language = v);
        if (tags is not null && !tags.SequenceEqual(template.Tags))
        {
            template.Tags = tags;
            changed["tags"] = string.Join(",", tags);
        }
        if (team!.Id != template.OwnerTeamId)
        {
            changed["ownerTeam"] = team.Name;
            template.OwnerTeamId = team.Id;
            template.OwnerTeam = team;
        }
        if (changed.Count > 0)
        {
            audit.Record(actor, "template.update", $"template/{name}", changed);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(template.ToDto(actor));
    }

    private static void Set(Dictionary<string, string> changed, string field, string current, string? requested, Action<string> apply)
    {
        if (requested is not null && requested != current)
        {
            apply(requested);
            changed[field] = requested;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex TagRegex();
}
