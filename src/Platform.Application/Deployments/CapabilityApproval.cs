using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Domain.Deployments;
using Platform.Domain.Registry;
using Platform.Domain.Settings;

namespace Platform.Application.Deployments;

/// <summary>
/// Which capabilities a rollout must have approved before anything is placed, and which versions no node may be
/// given while they wait. The rule is the same for every kind of rollout (canary, emergency, rollback): an
/// emergency is about speed, not permissions; a rollback needs no approval only because the version it restores
/// already served every node (its capabilities were granted then).
/// </summary>
public static class CapabilityApproval
{
    /// <summary>What <paramref name="target"/> needs approved, compared with the stable <paramref name="previous"/> (null: first version).</summary>
    public static async Task<CapabilityDiff> RequiredAsync(
        PlatformDbContext db, Guid serviceId, ComponentVersion? previous, ComponentVersion target, CapabilitySettings settings, CancellationToken ct)
    {
        var diff = previous is null
            ? settings.ApproveFirstVersions ? CapabilityDiff.Everything(target) : CapabilityDiff.None
            : CapabilityDiff.Between(previous, target);
        if (diff.IsEmpty || !await ServedEveryNodeAsync(db, serviceId, target.Id, ct)) return diff;
        return CapabilityDiff.None;
    }

    /// <summary>True when a rollout of this version once finished on every node (its capabilities were granted then).</summary>
    public static Task<bool> ServedEveryNodeAsync(PlatformDbContext db, Guid serviceId, Guid versionId, CancellationToken ct) =>
        db.Rollouts.AsNoTracking().AnyAsync(r => r.ServiceId == serviceId && r.TargetVersionId == versionId && r.Phase == RolloutPhase.Succeeded, ct);

    /// <summary>Versions that are the target of an active rollout awaiting approval: no node's desired state may hold them.</summary>
    public static async Task<HashSet<Guid>> WithheldVersionsAsync(PlatformDbContext db, CancellationToken ct)
    {
        var waiting = await db.Rollouts.AsNoTracking()
            .Where(r => Rollout.ActivePhases.Contains(r.Phase) && r.ApprovedBy == null)
            .Select(r => new { r.TargetVersionId, r.NewCapabilities }).ToListAsync(ct);
        return waiting.Where(r => !r.NewCapabilities.IsEmpty).Select(r => r.TargetVersionId).ToHashSet();
    }
}
