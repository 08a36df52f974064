using Microsoft.EntityFrameworkCore;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Data;
using Platform.Domain.Deployments;
using Platform.Domain.Registry;
using Platform.Domain.Services;

namespace Platform.Application.Deployments;

/// <summary>Records the intent to move a service to a version. One active rollout per service.</summary>
public sealed class RolloutRequests(PlatformDbContext db, AuditLog audit, Services.VariableVault vault, TimeProvider clock)
{
    public async Task<Rollout> RequestAsync(Service service, ComponentVersion target, Actor actor, CancellationToken ct)
    {
        var active = await db.Rollouts.AsNoTracking()
            .Where(r => r.ServiceId == service.Id && Rollout.ActivePhases.Contains(r.Phase))
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (active is { } activeId)
            throw new ConflictException($"Service '{service.Name}' already has an active rollout ({activeId}); wait for it or abort it first.");

        var values = await vault.ValuesByServiceAsync([service.Id], ct);
        var missing = Services.VariableVault.Missing(target, values.GetValueOrDefault(service.Id));
        if (missing.Count > 0)
            throw new Domain.DomainException(
                $"Version {target.Version} requires {string.Join(", ", missing.Select(m => $"'{m}'"))}, which has no value; set it with PUT /api/v1/services/{service.Name}/variables/{missing[0]}.",
                "version");

        var current = await db.ServiceDeployments.AsNoTracking().FirstOrDefaultAsync(d => d.ServiceId == service.Id, ct);
        var now = clock.GetUtcNow();
        var rollout = new Rollout
        {
            ServiceId = service.Id,
            TargetVersionId = target.Id,
            PreviousVersionId = current?.StableVersionId,
            RequestedBy = actor.AuditName,
            CreatedAt = now,
            UpdatedAt = now,
        };
        rollout.Events.Add(new RolloutEvent { RolloutId = rollout.Id, At = now, Kind = "requested", Message = $"Rollout of {target.Version} requested by {actor.Name}." });
        db.Rollouts.Add(rollout);
        audit.Record(actor, "rollout.start", $"service/{service.Name}", new() { ["rollout"] = rollout.Id.ToString(), ["version"] = target.Version });
        return rollout;
    }
}
