using Microsoft.EntityFrameworkCore;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Builds;
using Platform.Domain.Services;

namespace Platform.Application.Builds;

/// <summary>Queues builds. The caller saves, then hands the build to <see cref="Jobs.JobScheduler"/>.</summary>
public sealed class BuildRequests(PlatformDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Build> QueueAsync(Service service, SourceRevision revision, string toolchain, Actor actor, CancellationToken ct)
    {
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
        };
        db.Builds.Add(build);
        audit.Record(actor, "build.queue", $"service/{service.Name}", new() { ["build"] = build.Id.ToString(), ["version"] = build.Version, ["revision"] = revision.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return build;
    }
}
