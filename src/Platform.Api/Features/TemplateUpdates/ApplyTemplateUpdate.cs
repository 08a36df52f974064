using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Features.Builds;
using Platform.Api.Features.Services;
using Platform.Api.Infrastructure;
using Platform.Application.Auditing;
using Platform.Application.Jobs;
using Platform.Application.Sources;
using Platform.Contracts.Services;
using Platform.Data;

namespace Platform.Api.Features.TemplateUpdates;

/// <summary>
/// POST /api/v1/services/{name}/template-update: merges the reviewed template version into main as one commit
/// (three-way per file: base = the old render, ours = main, theirs = the new render), then takes that commit in
/// like a push (source revision + build) and moves the service's lineage. On a conflict nothing changes (409 naming the files).
/// </summary>
public static class ApplyTemplateUpdate
{
    public static async Task<Results<Ok<AppliedTemplateUpdateDto>, ValidationProblem, ProblemHttpResult>> Handle(
        string name, ApplyTemplateUpdateRequest request, ClaimsPrincipal principal, PlatformDbContext db, GitRepositories repositories,
        GitTreeReader trees, GitTextMerge merge, GitCommitWriter commits, SourceSync sync, AuditLog audit, JobScheduler scheduler,
        Application.Builds.BuildRequests builds, TimeProvider clock, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        var plan = await TemplateUpdatePlanner.PlanAsync(db, service, ct);
        if (plan?.Newer is null || plan.Newer.Version != request.Version)
            return Invalid("version", plan?.Newer is { } newer
                ? $"The update available is {plan.Template} {newer.Version}, not {request.Version}."
                : $"There is no newer vetted template version for '{name}'.");
        if (!plan.Errors.IsValid) return TypedResults.ValidationProblem(plan.Errors.ToDictionary(), title: "The service's parameters do not fit the newer template version.");
        if (!repositories.Exists(service.Name)) return Invalid("name", $"'{name}' has no source repository.");

        RecordedRevision recorded;
        string commit;
        await using (await RepositoryLock.AcquireAsync(db, service.Name, ct))
        {
            // A full build queue refuses the update (429) before anything is committed.
            await builds.EnsureQueueHasRoomAsync(service, ct);
            var main = await repositories.MainAsync(service.Name, ct) ?? throw new InvalidOperationException($"The repository of '{name}' has no main branch.");
            var (changes, conflicts) = await TemplateUpdateMerge.MergeAsync(plan, await trees.ReadAsync(repositories.PathOf(service.Name), main, ct), merge, ct);
            if (conflicts.Count > 0)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The template update conflicts with changes in the repository.",
                    detail: $"These files were changed both in the repository and by {plan.Template} {plan.Newer.Version}: {string.Join(", ", conflicts)}. Nothing was changed; merge them by hand.",
                    extensions: new Dictionary<string, object?> { ["files"] = conflicts });
            }

            var message = $"Update template {plan.Template} {plan.Current.Version} → {plan.Newer.Version}";
            commit = await commits.CommitAsync(repositories.PathOf(service.Name), main, changes, await CommitAuthors.ForAsync(db, actor, ct), message, clock.GetUtcNow(), ct);
            service.TemplateVersionId = plan.Newer.Id;
            service.TemplateParameters = plan.NextParameters;
            recorded = await sync.RecordAsync(service, commit, actor, ct);
            audit.Record(actor, "service.template-update", $"service/{service.Name}", new()
            {
                ["from"] = $"{plan.Template}@{plan.Current.Version}",
                ["to"] = $"{plan.Template}@{plan.Newer.Version}",
                ["commit"] = commit,
                ["files"] = string.Join(", ", changes.Select(c => c.Path)),
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch
            {
                // Nothing changes on failure: the commit leaves main again (unless someone pushed on top of it meanwhile).
                await repositories.RewindMainAsync(service.Name, commit, main, CancellationToken.None);
                throw;
            }
        }
        if (recorded.Build is { } build) scheduler.BuildQueued(build.Id);
        return TypedResults.Ok(new AppliedTemplateUpdateDto(plan.Newer.Version, commit, recorded.Revision.Number, recorded.Build?.ToDto(service.Name)));
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The template update cannot be applied.");
}
