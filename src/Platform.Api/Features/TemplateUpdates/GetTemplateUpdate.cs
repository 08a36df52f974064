using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Features.Services;
using Platform.Application.Sources;
using Platform.Contracts.Services;
using Platform.Data;

namespace Platform.Api.Features.TemplateUpdates;

/// <summary>GET /api/v1/services/{name}/template-update: is there a newer vetted template version, and what would it change.</summary>
public static class GetTemplateUpdate
{
    public static async Task<Ok<TemplateUpdateDto>> Handle(string name, PlatformDbContext db, GitTextMerge merge, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        var plan = await TemplateUpdatePlanner.PlanAsync(db, service, ct);
        if (plan is null) return TypedResults.Ok(new TemplateUpdateDto(null, null, null, false, [], []));
        if (plan.Newer is null) return TypedResults.Ok(new TemplateUpdateDto(plan.Template, plan.Current.Version, null, false, [], []));

        var files = new List<TemplateFileChangeDto>();
        foreach (var path in plan.ChangedPaths())
        {
            var before = plan.Base.GetValueOrDefault(path);
            var after = plan.Next.GetValueOrDefault(path);
            var change = before is null ? "added" : after is null ? "removed" : "modified";
            files.Add(new TemplateFileChangeDto(path, change, await merge.DiffAsync(path, before, after, ct)));
        }
        var problems = plan.Errors.ToDictionary().SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")).ToList();
        return TypedResults.Ok(new TemplateUpdateDto(plan.Template, plan.Current.Version, plan.Newer.Version, true, files, problems));
    }
}
