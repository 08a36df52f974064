using Microsoft.EntityFrameworkCore;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Application.Services;
using Platform.Application.Settings;
using Platform.Contracts.Rollouts;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Strategy;
using Platform.Domain.Registry;
using Platform.Domain.Services;

namespace Platform.Application.Deployments;

/// <summary>
/// Records the intent to move a service to a version, with the strategy it will follow fixed at this moment.
/// One active rollout per service. The caller saves, then hands the rollout to the Deployer.
/// </summary>
public sealed class RolloutStarter(
    PlatformDbContext db, AuditLog audit, VariableVault vault, RolloutStrategies strategies, CapabilitySettingsStore settings, TimeProvider clock)
{
    public const int MaxReasonLength = 1000;

    public async Task<Rollout> StartAsync(Service service, ComponentVersion target, RolloutStart start, Actor actor, CancellationToken ct)
    {
        var active = await db.Rollouts.AsNoTracking()
            .Where(r => r.ServiceId == service.Id && Rollout.ActivePhases.Contains(r.Phase))
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (active is { } activeId)
            throw new ConflictException($"Service '{service.Name}' already has an active rollout ({activeId}); wait for it, promote it or abort it first.");
        if (start.EmergencyReason is { } reason && (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength))
            throw new DomainException($"An emergency rollout needs a reason of 1-{MaxReasonLength} characters; it is written to the audit log.", "emergencyReason");

        var values = await vault.ValuesByServiceAsync([service.Id], ct);
        var missing = VariableVault.Missing(target, values.GetValueOrDefault(service.Id));
        if (missing.Count > 0)
            throw new DomainException(
                $"Version {target.Version} requires {string.Join(", ", missing.Select(m => $"'{m}'"))}, which has no value; set it with PUT /api/v1/services/{service.Name}/variables/{missing[0]}.",
                "version");

        var current = await db.ServiceDeployments.AsNoTracking().FirstOrDefaultAsync(d => d.ServiceId == service.Id, ct);
        if (current?.StableVersionId == target.Id)
            throw new DomainException($"Version {target.Version} already serves every node.", "version");
        var previous = current is null ? null : await db.ComponentVersions.AsNoTracking().FirstAsync(v => v.Id == current.StableVersionId, ct);
        var (strategy, source) = await ChooseStrategyAsync(service, start, previous is null, ct);
        var (policy, _) = await settings.GetAsync(ct);
        var newCapabilities = await CapabilityApproval.RequiredAsync(db, service.Id, previous, target, policy, ct);

        var now = clock.GetUtcNow();
        var rollout = new Rollout
        {
            ServiceId = service.Id,
            TargetVersionId = target.Id,
            PreviousVersionId = previous?.Id,
            RequestedBy = actor.AuditName,
            CreatedAt = now,
            UpdatedAt = now,
            Strategy = strategy,
            StrategySource = source,
            EmergencyReason = start.EmergencyReason?.Trim(),
            NewCapabilities = newCapabilities,
            TraceId = TraceIds.Current(),
        };
        rollout.Record("requested", Describe(rollout, target, previous, actor), now);
        db.Rollouts.Add(rollout);
        var details = new Dictionary<string, string> { ["rollout"] = rollout.Id.ToString(), ["version"] = target.Version, ["strategy"] = source };
        if (rollout.EmergencyReason is { } why) details["reason"] = why;
        if (!rollout.NewCapabilities.IsEmpty) details["newCapabilities"] = rollout.NewCapabilities.ToString();
        audit.Record(actor, source switch
        {
            StrategySources.Emergency => "rollout.emergency",
            StrategySources.Rollback => "rollout.rollback",
            _ => "rollout.start",
        }, $"service/{service.Name}", details);
        return rollout;
    }

    private async Task<(RolloutStrategyDto, string)> ChooseStrategyAsync(Service service, RolloutStart start, bool first, CancellationToken ct)
    {
        var (effective, source) = await strategies.EffectiveAsync(service, ct);
        // An immediate rollout still carries the effective rings, so its weights land ring by ring in one write.
        RolloutStrategyDto Immediate() => effective with { Steps = [] };
        if (start.EmergencyReason is not null) return (Immediate(), StrategySources.Emergency);
        if (start.Rollback) return (Immediate(), StrategySources.Rollback);
        if (first) return (Immediate(), StrategySources.First);
        if (start.Strategy is { } requested)
        {
            var errors = new ValidationErrors();
            var parsed = RolloutStrategyParser.TryParse(requested, errors)
                ?? throw new ValidationException(errors.ToDictionary().ToDictionary(e => $"strategy.{e.Key}", e => e.Value));
            return (parsed.ToDto(), StrategySources.Request);
        }
        return (effective, source);
    }

    private static string Describe(Rollout rollout, ComponentVersion target, ComponentVersion? previous, Actor actor)
    {
        var what = rollout.StrategySource switch
        {
            StrategySources.Emergency => $"Emergency rollout of {target.Version} (no canary) requested by {actor.Name}: {rollout.EmergencyReason}",
            StrategySources.Rollback => $"Fast rollback to {target.Version} requested by {actor.Name}.",
            StrategySources.First => $"First deployment of {target.Version} requested by {actor.Name}; nothing to compare a canary with, so every node gets it at once.",
            _ => $"Canary of {target.Version} against {previous?.Version} requested by {actor.Name} ({rollout.StrategySource} strategy).",
        };
        if (rollout.NewCapabilities.IsEmpty) return what;
        return previous is null
            ? $"{what} It declares capabilities ({rollout.NewCapabilities}): a platform admin must approve a first version that declares any before it is placed on any node."
            : $"{what} It declares capabilities {previous.Version} did not ({rollout.NewCapabilities}): a platform admin must approve before it is placed on any node.";
    }
}
