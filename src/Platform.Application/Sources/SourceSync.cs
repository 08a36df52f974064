using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Application.Auditing;
using Platform.Application.Builds;
using Platform.Application.Identity;
using Platform.Application.Jobs;
using Platform.Application.Quotas;
using Platform.Data;
using Platform.Domain.Builds;
using Platform.Domain.Services;

namespace Platform.Application.Sources;

/// <summary>
/// Keeps source revisions in step with the repositories: whenever main points at a commit that is not yet a
/// source revision, that commit's files become the next revision and its build is queued — after a push, after
/// a template update, and in the reconciler (so a push accepted just before the API died is not lost).
/// Idempotent: a commit is recorded at most once (checked under <see cref="RepositoryLock"/>, backed by a unique index).
/// </summary>
public sealed class SourceSync(
    PlatformDbContext db, GitRepositories repositories, GitTreeReader trees, BuildRequests builds, AuditLog audit,
    JobScheduler scheduler, TimeProvider clock, ILogger<SourceSync> logger)
{
    /// <summary>
    /// Records main if it is ahead of the recorded revisions, and audits the push that moved it
    /// (<paramref name="pushedFrom"/> is what main was before a push; null when the reconciler found it).
    /// </summary>
    public async Task<RecordedRevision?> SyncAsync(Service service, Actor actor, string? pushedFrom, CancellationToken ct)
    {
        if (!repositories.Exists(service.Name)) return null;
        RecordedRevision? recorded;
        await using (await RepositoryLock.AcquireAsync(db, service.Name, ct))
        {
            var main = await repositories.MainAsync(service.Name, ct);
            if (main is null || await db.SourceRevisions.AnyAsync(r => r.ServiceId == service.Id && r.CommitSha == main, ct)) return null;
            recorded = await RecordAsync(service, main, actor, ct);
            var details = new Dictionary<string, string>
            {
                ["old"] = pushedFrom ?? recorded.PreviousCommitSha ?? "",
                ["new"] = main,
                ["revision"] = recorded.Revision.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (pushedFrom is null) details["recovered"] = "true";
            if (recorded.Skipped.Count > 0) details["skipped"] = string.Join(", ", recorded.Skipped.Take(20));
            audit.Record(actor, "repository.push", $"service/{service.Name}", details);
            await db.SaveChangesAsync(ct);
        }
        if (recorded.Build is { } build) scheduler.BuildQueued(build.Id);
        logger.LogInformation("Recorded commit {Commit} of {Service} as source revision {Revision}", recorded.Revision.CommitSha, service.Name, recorded.Revision.Number);
        return recorded;
    }

    /// <summary>
    /// Adds the revision for <paramref name="commitSha"/> and queues its build; the caller holds the
    /// repository lock, saves, and then schedules <see cref="RecordedRevision.Build"/>.
    /// </summary>
    public async Task<RecordedRevision> RecordAsync(Service service, string commitSha, Actor actor, CancellationToken ct)
    {
        var latest = await db.SourceRevisions.AsNoTracking().Where(r => r.ServiceId == service.Id)
            .OrderByDescending(r => r.Number).Select(r => new { r.Number, r.CommitSha }).FirstOrDefaultAsync(ct);
        var tree = await trees.ReadAsync(repositories.PathOf(service.Name), commitSha, ct);
        var (message, author) = await repositories.DescribeAsync(service.Name, commitSha, ct);
        var files = tree.Contents();
        var revision = new SourceRevision
        {
            ServiceId = service.Id,
            Number = (latest?.Number ?? 0) + 1,
            Message = message.Length > 2000 ? message[..2000] : message,
            Author = author.Length > 200 ? author[..200] : author,
            Digest = SourceDigest.Of(files),
            Files = files,
            CommitSha = commitSha,
            CreatedAt = clock.GetUtcNow(),
        };
        db.SourceRevisions.Add(revision);
        var toolchain = service.TemplateVersionId is { } versionId
            ? await db.TemplateVersions.Where(v => v.Id == versionId).Select(v => v.Toolchain).FirstAsync(ct)
            : null;
        Build? build = null;
        try
        {
            build = toolchain is null ? null : await builds.QueueAsync(service, revision, toolchain, actor, ct);
        }
        catch (QuotaExceededException refused)
        {
            // The commit is in the repository already: it stays recorded as a revision; only its build is refused.
            audit.Record(actor, "build.refused", $"service/{service.Name}", new()
            {
                ["revision"] = revision.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["quota"] = refused.Quota,
                ["reason"] = refused.Message,
            });
            logger.LogWarning("Build of {Service} revision {Revision} refused: {Reason}", service.Name, revision.Number, refused.Message);
        }
        return new RecordedRevision(revision, latest?.CommitSha, build, tree.Skipped);
    }
}
