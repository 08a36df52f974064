using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Application.Quotas;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Builds;
using Platform.Domain.Services;

namespace Platform.Application.Builds;

/// <summary>
/// Queues builds, within the service's queued-builds quota. The caller holds the service's
/// <see cref="Sources.RepositoryLock"/> (so two requests cannot both take the last place), saves, then
/// hands the build to <see cref="Jobs.JobScheduler"/>.
/// </summary>
public sealed class BuildRequests(PlatformDbContext db, AuditLog audit, TimeProvider clock, IOptions<QuotaOptions> quotas)
{
    /// <exception cref="QuotaExceededException">The service already has as many builds queued as its quota allows; nothing is queued.</exception>
    public async Task<Build> QueueAsync(Service service, SourceRevision revision, string toolchain, Actor actor, CancellationToken ct)
    {
        await EnsureQueueHasRoomAsync(service, ct);
        var published = await db.ComponentVersions.Where(v => v.ServiceId == service.Id).Select(v => v.Version).ToListAsync(ct);
        var pending = await db.Builds
            .Where(b => b.ServiceId == service.Id && (b.Status == BuildStatus.Queued || b.Status == BuildStatus.Running))
            .Select(b => b.Version).ToListAsync(ct);
        var build = new Build
        {
            ServiceId = service.Id,
            SourceRevisionId = revision.Id,
            Version = Versions.NextPatch(published.Concat(pending)),
            Toolchain = toolchain,
            DeployOnSuccess = service.DeployOnBuild,
            RequestedBy = actor.AuditName,
            QueuedAt = clock.GetUtcNow(),
            TraceId = TraceIds.Current(),
        };
        db.Builds.Add(build);
        audit.Record(actor, "build.queue", $"service/{service.Name}", new() { ["build"] = build.Id.ToString(), ["version"] = build.Version, ["revision"] = revision.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return build;
    }

    /// <exception cref="QuotaExceededException">The service's queued builds are at its quota.</exception>
    public async Task EnsureQueueHasRoomAsync(Service service, CancellationToken ct)
    {
        var limit = quotas.Value.For(service.Quotas).QueuedBuilds;
        var queued = await db.Builds.CountAsync(b => b.ServiceId == service.Id && b.Status == BuildStatus.Queued, ct)
            + db.ChangeTracker.Entries<Build>().Count(e => e.State == EntityState.Added && e.Entity.ServiceId == service.Id);
        if (queued >= limit)
        {
            throw new QuotaExceededException("queuedBuilds", limit,
                $"'{service.Name}' already has {queued} build(s) queued, its quota of queued builds is {limit}; try again when one has started.");
        }
    }
}
