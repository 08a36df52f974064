using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Application.Auditing;
using Platform.Application.Identity;
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
    public async Task<RolloutStrategyDocument?> PlatformDefaultAsync(CancellationToken ct)
    {
        var setting = await db.PlatformSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == PlatformSetting.RolloutStrategy, ct);
        return setting is null ? null : JsonSerializer.Deserialize<RolloutStrategyDocument>(setting.Value, Json);
    }

    /// <summary>The strategy a rollout of <paramref name="service"/> follows without an override, and where it comes from.</summary>
    public async Task<(RolloutStrategyDocument Document, string Source)> EffectiveAsync(Service service, CancellationToken ct)
    {
        if (service.RolloutStrategy is { } own) return (own, StrategySources.Service);
        return (await PlatformDefaultAsync(ct) ?? RolloutStrategyDocument.From(RolloutStrategy.Default), StrategySources.Platform);
    }

    /// <summary>Sets (or with null, clears) the platform default; the caller saves. Throws a <see cref="DomainException"/> naming the field.</summary>
    public async Task SetPlatformDefaultAsync(RolloutStrategyDocument? document, Actor actor, CancellationToken ct)
    {
        var setting = await db.PlatformSettings.FirstOrDefaultAsync(s => s.Key == PlatformSetting.RolloutStrategy, ct);
        if (document is null)
        {
            if (setting is not null) db.PlatformSettings.Remove(setting);
            audit.Record(actor, "settings.rollout-strategy.reset", "platform/rollout-strategy", []);
            return;
        }
        var normalised = RolloutStrategyDocument.From(RolloutStrategyParser.Parse(document));
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
    public void SetForService(Service service, RolloutStrategyDocument? document, Actor actor)
    {
        service.RolloutStrategy = document is null ? null : RolloutStrategyDocument.From(RolloutStrategyParser.Parse(document));
        audit.Record(actor, document is null ? "service.rollout-strategy.reset" : "service.rollout-strategy.set", $"service/{service.Name}",
            document is null ? [] : new() { ["strategy"] = JsonSerializer.Serialize(service.RolloutStrategy, Json) });
    }
}
