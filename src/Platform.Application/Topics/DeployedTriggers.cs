using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Domain.Manifests;

namespace Platform.Application.Topics;

/// <summary>The triggers of a service's deployed versions: stable first, then the canary when one runs.</summary>
public static class DeployedTriggers
{
    public sealed record Entry(Guid VersionId, string Version, bool Canary, int DeadlineMs, TriggerSpec Trigger);

    public static async Task<List<Entry>> OfAsync(PlatformDbContext db, Guid serviceId, CancellationToken ct)
    {
        var deployment = await db.ServiceDeployments.AsNoTracking().FirstOrDefaultAsync(d => d.ServiceId == serviceId, ct);
        if (deployment is null) return [];
        var ids = new List<Guid> { deployment.StableVersionId };
        if (deployment.CanaryVersionId is { } canary) ids.Add(canary);
        var versions = await db.ComponentVersions.AsNoTracking().Where(v => ids.Contains(v.Id))
            .Select(v => new { v.Id, v.Version, v.DeadlineMs, v.Triggers }).ToListAsync(ct);
        return versions.OrderBy(v => v.Id == deployment.CanaryVersionId)
            .SelectMany(v => v.Triggers.Select(t => new Entry(v.Id, v.Version, v.Id == deployment.CanaryVersionId, v.DeadlineMs, t)))
            .ToList();
    }
}
