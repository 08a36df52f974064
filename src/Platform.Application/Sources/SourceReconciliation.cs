using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Data;
using Platform.Domain.Services;

namespace Platform.Application.Sources;

/// <summary>
/// One pass over every service made from a template: main ahead of the recorded revisions is recorded (and
/// built); a service without a repository (made before repositories existed, or whose folder was lost) gets one,
/// holding its newest source revision as the first commit.
/// </summary>
public sealed class SourceReconciliation(
    PlatformDbContext db, GitRepositories repositories, SourceSync sync, AuditLog audit, ILogger<SourceReconciliation> logger)
{
    public static Actor Actor { get; } = Actor.System("git-reconciler");

    /// <summary>Returns how many services it changed (commits recorded or repositories created).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var services = await db.Services.Where(s => s.TemplateVersionId != null).OrderBy(s => s.Name).ToListAsync(ct);
        var changed = 0;
        foreach (var service in services)
        {
            try
            {
                var done = repositories.Exists(service.Name)
                    ? await sync.SyncAsync(service, Actor, pushedFrom: null, ct) is not null
                    : await ImportAsync(service, ct);
                if (done) changed++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Reconciling the repository of {Service} failed", service.Name);
                db.ChangeTracker.Clear(); // what failed to save must not ride along with the next service
            }
        }
        return changed;
    }

    private async Task<bool> ImportAsync(Service service, CancellationToken ct)
    {
        await using var serviceLock = await RepositoryLock.AcquireAsync(db, service.Name, ct);
        var latest = await db.SourceRevisions.Where(r => r.ServiceId == service.Id).OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        if (latest is null || repositories.Exists(service.Name)) return false;
        if (latest.CommitSha is not null)
            logger.LogWarning("The repository of {Service} is missing; recreating it from source revision {Revision} (its history is lost)", service.Name, latest.Number);

        var commit = await repositories.CreateAsync(service.Name, latest.Files, new CommitAuthor(latest.Author, "platform@platform.local"),
            latest.Message, latest.CreatedAt, ct);
        latest.CommitSha = commit;
        audit.Record(Actor, "repository.create", $"service/{service.Name}",
            new() { ["commit"] = commit, ["revision"] = latest.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            repositories.Delete(service.Name);
            throw;
        }
        return true;
    }
}
