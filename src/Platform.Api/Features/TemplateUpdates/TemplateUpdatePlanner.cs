using Microsoft.EntityFrameworkCore;
using Platform.Api.Features.Templates;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Services;
using Platform.Domain.Templates;
using Semver;

namespace Platform.Api.Features.TemplateUpdates;

/// <summary>Finds the newest vetted version of a service's template and renders it and the service's own version.</summary>
public static class TemplateUpdatePlanner
{
    /// <summary>Null for services without a template.</summary>
    public static async Task<TemplateUpdatePlan?> PlanAsync(PlatformDbContext db, Service service, CancellationToken ct)
    {
        if (service.TemplateVersionId is not { } currentId) return null;
        var current = await db.TemplateVersions.AsNoTracking().Include(v => v.Template).FirstAsync(v => v.Id == currentId, ct);
        var versions = await db.TemplateVersions.AsNoTracking().Where(v => v.TemplateId == current.TemplateId).ToListAsync(ct);
        var newest = versions.NewestVetted();
        var newer = newest is not null && SemVersion.ComparePrecedence(
            SemVersion.Parse(newest.Version, SemVersionStyles.Strict), SemVersion.Parse(current.Version, SemVersionStyles.Strict)) > 0 ? newest : null;

        var team = await db.Teams.AsNoTracking().Where(t => t.Id == service.OwnerTeamId).Select(t => t.Name).FirstAsync(ct);
        var builtIns = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["service_name"] = service.Name,
            ["team"] = team,
            ["route"] = service.Route,
            ["description"] = service.Description,
        };
        var errors = new ValidationErrors();
        var @base = TemplateRenderer.Render(current.Files, With(builtIns, service.TemplateParameters));
        if (newer is null) return new TemplateUpdatePlan(current.Template!.Name, current, null, @base, @base, service.TemplateParameters, errors);

        // The service's answers, checked against the newer version's form: removed parameters are dropped,
        // new ones take their defaults, and a new required parameter without a default is a problem to report.
        var stored = service.TemplateParameters.Where(p => newer.Parameters.Any(q => q.Name == p.Key))
            .ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
        var teams = await db.Teams.AsNoTracking().Select(t => t.Name).ToListAsync(ct);
        var parameters = ParameterValidator.Validate(newer.Parameters, stored, teams, errors);
        var next = errors.IsValid ? TemplateRenderer.Render(newer.Files, With(builtIns, parameters)) : @base;
        return new TemplateUpdatePlan(current.Template!.Name, current, newer, @base, next, parameters.ToDictionary(StringComparer.Ordinal), errors);
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> builtIns, IReadOnlyDictionary<string, string> parameters)
    {
        var values = new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        foreach (var (key, value) in builtIns) values[key] = value;
        return values;
    }
}
