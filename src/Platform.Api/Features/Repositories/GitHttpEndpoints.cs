using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Application.Auditing;
using Platform.Application.Sources;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Identity;

namespace Platform.Api.Features.Repositories;

/// <summary>
/// <c>/git/{service}.git/…</c>: the service repositories over git's smart HTTP protocol. Git clients
/// authenticate with HTTP Basic, an API token as the password. Every signed-in developer may clone and fetch
/// (the catalog is readable by all); pushing needs a write-scoped token of the owning team (or an admin).
/// After a push that moved main, its commit is recorded as a source revision and built before the response ends.
/// </summary>
public static class GitHttpEndpoints
{
    public const string Prefix = "/git";

    public static bool IsGitPath(PathString path) => path.StartsWithSegments(Prefix, StringComparison.Ordinal);

    public static IEndpointRouteBuilder MapGitEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Prefix + "/{service}.git/{**path}", ["GET", "POST"], Handle)
            .RequireAuthorization(PlatformClaims.DeveloperPolicy)
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task Handle(HttpContext http, string service, string? path, ClaimsPrincipal principal, PlatformDbContext db,
        GitRepositories repositories, GitHttpBackend backend, SourceSync sync, AuditLog audit, ILoggerFactory loggers, CancellationToken ct)
    {
        var request = GitRequest.Parse(http.Request.Method, service, path, http.Request.Query["service"].ToString());
        var entity = Slug.IsValid(service) ? await db.Services.FirstOrDefaultAsync(s => s.Name == service, ct) : null;
        if (request is null || entity is null || !repositories.Exists(entity.Name))
        {
            await Refuse(http, StatusCodes.Status404NotFound, "There is no such service repository.", ct);
            return;
        }
        var actor = principal.ToActor();
        if (request.IsPush && !actor.HasScope(TokenScopes.Write))
        {
            await Refuse(http, StatusCodes.Status403Forbidden, "Pushing needs a token with the write scope.", ct);
            return;
        }
        if (request.IsPush && !actor.CanActFor(entity.OwnerTeamId))
        {
            await Refuse(http, StatusCodes.Status403Forbidden, $"Only members of the team that owns '{entity.Name}' (or platform admins) may push to it.", ct);
            return;
        }

        // The hook and receive settings only matter to pushes; re-applying them brings older repositories up to date.
        if (request.IsPush) await repositories.ConfigureAsync(repositories.PathOf(entity.Name), ct);
        var before = request.UpdatesRefs ? await repositories.MainAsync(entity.Name, ct) : null;
        await backend.RunAsync(http, request, actor.Name, ct);
        if (!request.UpdatesRefs) return;

        // The push is in (or refused by) the repository now: recording it no longer depends on the client staying.
        var recording = CancellationToken.None;
        var after = await repositories.MainAsync(entity.Name, recording);
        if (after is null || after == before)
        {
            // git only sends a push with ref updates in it; main did not move, so the hook refused them.
            audit.Record(actor, "repository.push-refused", $"service/{entity.Name}", new() { ["main"] = before ?? "" });
            await db.SaveChangesAsync(recording);
            return;
        }
        try
        {
            await sync.SyncAsync(entity, actor, before ?? "", recording);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The push is in the repository; the reconciler records it later.
            loggers.CreateLogger(typeof(GitHttpEndpoints)).LogError(e, "Recording the push to {Service} ({Commit}) failed; the reconciler will retry", entity.Name, after);
        }
    }

    private static async Task Refuse(HttpContext http, int status, string message, CancellationToken ct)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message + "\n", ct);
    }
}
