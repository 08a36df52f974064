using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Features.Builds;
using Platform.Api.Infrastructure;
using Platform.Application.Auditing;
using Platform.Application.Builds;
using Platform.Application.Jobs;
using Platform.Application.Sources;
using Platform.Contracts.Services;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Services;

namespace Platform.Api.Features.Services;

/// <summary>
/// POST /api/v1/services[?dryRun=true]: validates everything first (nothing is created on failure),
/// renders the template, then creates the service's git repository (the rendered files as the first commit on
/// main) and stores the service, its first source revision (naming that commit) and its first build.
/// Services registered without a template get no repository: the platform could not build what is pushed.
/// </summary>
public static class CreateService
{
    public static async Task<Results<Created<CreatedServiceDto>, Ok<CreatedServiceDto>, Ok<ServicePreviewDto>, ValidationProblem>> Handle(
        CreateServiceRequest request, bool? dryRun, ClaimsPrincipal principal, PlatformDbContext db, BuildRequests builds,
        AuditLog audit, JobScheduler scheduler, ServiceReadModel readModel, GitRepositories repositories, TimeProvider clock, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var plan = await ServicePlanner.PlanAsync(request, actor, db, ct);
        if (plan.Errors is { } errors) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The service request is invalid.");
        if (dryRun == true)
        {
            if (await db.Services.AnyAsync(s => s.Name == request.Name, ct))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"A service named '{request.Name}' already exists."] },
                    title: "The service request is invalid.");
            return TypedResults.Ok(new ServicePreviewDto(request.Name, plan.Route, request.Template ?? "", plan.TemplateVersion?.Version ?? "",
                plan.Files.Select(f => new FileDto(f.Key, f.Value)).ToList()));
        }

        // One create per name at a time, across API instances: the repository folder is claimed under this lock.
        await using var nameLock = await RepositoryLock.AcquireAsync(db, request.Name, ct);
        var existing = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Name == request.Name, ct);
        if (existing is not null)
        {
            // Re-submitting the same request returns what it created the first time instead of a second service.
            if (existing.CreatedBy == actor.AuditName && existing.TemplateVersionId == plan.TemplateVersion?.Id && existing.OwnerTeamId == plan.Team.Id)
                return TypedResults.Ok(new CreatedServiceDto(await readModel.ToDtoAsync(existing, ct), null));
            throw new Platform.Application.ConflictException($"A service named '{request.Name}' already exists.");
        }

        var now = clock.GetUtcNow();
        var service = new Service
        {
            Name = request.Name,
            Description = request.Description?.Trim() ?? "",
            OwnerTeamId = plan.Team.Id,
            Route = plan.Route,
            TemplateVersionId = plan.TemplateVersion?.Id,
            TemplateParameters = plan.Parameters,
            DeployOnBuild = plan.TemplateVersion?.DeployOnCreate ?? true,
            CreatedBy = actor.AuditName,
            CreatedAt = now,
        };
        db.Services.Add(service);
        audit.Record(actor, "service.create", $"service/{service.Name}",
            new() { ["team"] = plan.Team.Name, ["template"] = $"{request.Template}@{plan.TemplateVersion?.Version}" });

        Domain.Builds.Build? build = null;
        string? commit = null;
        if (plan.TemplateVersion is { } templateVersion)
        {
            var message = $"Created from template {request.Template} {templateVersion.Version}";
            commit = await repositories.CreateAsync(service.Name, plan.Files, await CommitAuthors.ForAsync(db, actor, ct), message, now, ct);
            var revision = new SourceRevision
            {
                ServiceId = service.Id,
                Number = 1,
                Message = message,
                Author = actor.AuditName,
                Digest = SourceDigest.Of(plan.Files),
                Files = new Dictionary<string, string>(plan.Files, StringComparer.Ordinal),
                CommitSha = commit,
                CreatedAt = now,
            };
            db.SourceRevisions.Add(revision);
            build = await builds.QueueAsync(service, revision, templateVersion.Toolchain, actor, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch when (commit is not null)
        {
            repositories.Delete(service.Name);
            throw;
        }
        if (build is not null) scheduler.BuildQueued(build.Id);

        var dto = new CreatedServiceDto(await readModel.ToDtoAsync(service, ct), build?.ToDto(service.Name));
        return TypedResults.Created($"/api/v1/services/{service.Name}", dto);
    }
}
