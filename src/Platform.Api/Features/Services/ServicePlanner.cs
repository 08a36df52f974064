using Microsoft.EntityFrameworkCore;
using Platform.Api.Features.Templates;
using Platform.Application.Identity;
using Platform.Contracts.Services;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Templates;

namespace Platform.Api.Features.Services;

/// <summary>Checks a create-service request field by field and renders the template's files.</summary>
public static class ServicePlanner
{
    public static async Task<ServicePlan> PlanAsync(CreateServiceRequest request, Actor actor, PlatformDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!Slug.IsValid(request.Name)) errors.Add("name", Slug.Describe("The service name"));
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Name == request.Team, ct);
        if (team is null) errors.Add("team", $"Team '{request.Team}' does not exist.");
        else if (!actor.CanActFor(team.Id)) errors.Add("team", $"You are not a member of team '{request.Team}'.");

        TemplateVersion? templateVersion = null;
        if (!string.IsNullOrEmpty(request.Template))
        {
            var template = await db.Templates.AsNoTracking().Include(t => t.Versions).FirstOrDefaultAsync(t => t.Name == request.Template, ct);
            templateVersion = request.TemplateVersion is null
                ? template?.Versions.NewestVetted()
                : template?.Versions.FirstOrDefault(v => v.Version == request.TemplateVersion && v.Status == TemplateVersionStatus.Vetted);
            if (templateVersion is null)
                errors.Add(request.TemplateVersion is null ? "template" : "templateVersion",
                    $"There is no vetted template '{request.Template}'{(request.TemplateVersion is null ? "" : $" version {request.TemplateVersion}")}.");
        }
        else if (request.Parameters is { Count: > 0 })
        {
            errors.Add("parameters", "Parameters need a template.");
        }

        var teamNames = await db.TeamMemberships.AsNoTracking().Where(m => m.UserId == actor.UserId).Select(m => m.Team!.Name).ToListAsync(ct);
        if (actor.IsAdmin) teamNames = await db.Teams.AsNoTracking().Select(t => t.Name).ToListAsync(ct);
        var parameters = templateVersion is null
            ? new Dictionary<string, string>()
            : ParameterValidator.Validate(templateVersion.Parameters, request.Parameters ?? new Dictionary<string, string?>(), teamNames, errors)
                .ToDictionary(StringComparer.Ordinal);
        if (!errors.IsValid) return ServicePlan.Invalid(errors);

        var route = Routes.ForService(request.Name);
        if (await db.Services.AnyAsync(s => s.Route == route && s.Name != request.Name, ct))
        {
            errors.Add("name", $"The route '{route}' is already taken by another service.");
            return ServicePlan.Invalid(errors);
        }

        var values = new Dictionary<string, string>(parameters, StringComparer.Ordinal)
        {
            ["service_name"] = request.Name,
            ["team"] = team!.Name,
            ["route"] = route,
            ["description"] = request.Description?.Trim() ?? "",
        };
        var files = templateVersion is null ? new Dictionary<string, string>() : TemplateRenderer.Render(templateVersion.Files, values);
        return new ServicePlan(null, team, route, templateVersion, parameters, files);
    }
}
