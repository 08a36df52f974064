using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Contracts.Rollouts;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Strategy;
using Platform.Domain.Services;
using Platform.Domain.Settings;

namespace Platform.Application.Deployments;

/// <summary>
/// The platform's default rollout strategy (set by admins, else <see cref="RolloutStrategy.Default"/>) and the
/// effective strategy of a service (its own, else the platform's).
/// </summary>
public sealed class RolloutStrategies(PlatformDbContext db, AuditLog audit, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The admins' default, or null when they have not set one.</summary>
    public async Task<RolloutStrategyDto?> PlatformDefaultAsync(CancellationToken ct)
    {
        var setting = await db.PlatformSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == PlatformSetting.RolloutStrategy, ct);
        return setting is null ? null : JsonSerializer.Deserialize<RolloutStrategyDto>(setting.Value, Json);
    }

    /// <summary>The strategy a rollout of <paramref name="service"/> follows without an override, and where it comes from.</summary>
    public async Task<(RolloutStrategyDto Strategy, string Source)> EffectiveAsync(Service service, CancellationToken ct)
    {
        if (service.RolloutStrategy is { } own) return (own, StrategySources.Service);
        return (await PlatformDefaultAsync(ct) ?? RolloutStrategy.Default.ToDto(), StrategySources.Platform);
    }

    /// <summary>Sets (or with null, clears) the platform default; the caller saves. Throws a <see cref="DomainException"/> naming the field.</summary>
    public async Task SetPlatformDefaultAsync(RolloutStrategyDto? strategy, Actor actor, CancellationToken ct)
    {
        var setting = await db.PlatformSettings.FirstOrDefaultAsync(s => s.Key == PlatformSetting.RolloutStrategy, ct);
        if (strategy is null)
        {
            if (setting is not null) db.PlatformSettings.Remove(setting);
            audit.Record(actor, "settings.rollout-strategy.reset", "platform/rollout-strategy", []);
            return;
        }
        var normalised = RolloutStrategyParser.Parse(strategy).ToDto();
        var json = JsonSerializer.Serialize(normalised, Json);
        if (setting is null)
        {
            setting = new PlatformSetting { Key = PlatformSetting.RolloutStrategy, Value = json, UpdatedBy = actor.AuditName };
            db.PlatformSettings.Add(setting);
        }
        setting.Value = json;
        setting.UpdatedBy = actor.AuditName;
        setting.UpdatedAt = clock.GetUtcNow();
        audit.Record(actor, "settings.rollout-strategy.set", "platform/rollout-strategy", new() { ["strategy"] = json });
    }

    /// <summary>Sets (or with null, clears) a service's own strategy; the caller saves.</summary>
    public void SetForService(Service service, RolloutStrategyDto? strategy, Actor actor)
    {
        service.RolloutStrategy = strategy is null ? null : RolloutStrategyParser.Parse(strategy).ToDto();
        audit.Record(actor, strategy is null ? "service.rollout-strategy.reset" : "service.rollout-strategy.set", $"service/{service.Name}",
            strategy is null ? [] : new() { ["strategy"] = JsonSerializer.Serialize(service.RolloutStrategy, Json) });
    }
}
