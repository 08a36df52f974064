using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Domain.Deployments;

namespace Platform.Application.Deployments;

/// <summary>
/// Wakes the Deployer's run of a rollout at once (PostgreSQL <c>NOTIFY</c> on <see cref="Channel"/>, which every Deployer
/// listens to) when a node's heartbeat may change its decision (a canary failing, the target loaded), so a run watching
/// the fleet sleeps until its step's wake-up instead of polling. What people ask of a rollout reaches its run on the same
/// channel from the Deployer itself (its RolloutWakeups).
/// </summary>
public static class RolloutNudges
{
    public const string Channel = "platform_rollout_wakeup";

    /// <summary>Ends the payload of a nudge from a heartbeat: only a run watching the fleet wakes for it.</summary>
    public const string FleetSuffix = ":fleet";

    /// <summary>
    /// Nudges the progressing rollouts of <paramref name="serviceIds"/> (a node that serves them just reported); a run
    /// that waits for a pause's end or a person ignores it (see the Deployer's RolloutWakeups).
    /// </summary>
    public static async Task ServicesReportedAsync(PlatformDbContext db, IReadOnlyCollection<Guid> serviceIds, CancellationToken ct)
    {
        if (serviceIds.Count == 0) return;
        // The progressing rollouts are few; a node's services may be ten thousand: filtered here, not sent as a parameter.
        var progressing = await db.Rollouts.AsNoTracking().Where(r => r.Phase == RolloutPhase.Progressing)
            .Select(r => new { r.Id, r.ServiceId }).ToListAsync(ct);
        if (progressing.Count == 0) return;
        var reported = serviceIds as IReadOnlySet<Guid> ?? serviceIds.ToHashSet();
        foreach (var rollout in progressing.Where(r => reported.Contains(r.ServiceId)))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {rollout.Id + FleetSuffix})", ct);
        }
    }
}
