using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Data;
using Platform.Domain.Settings;

namespace Platform.Application.Settings;

/// <summary>The platform's capability policy (<see cref="CapabilitySettings"/>): read by rollouts and desired state, set by admins (audited).</summary>
public sealed class CapabilitySettingsStore(PlatformDbContext db, AuditLog audit, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The admins' settings, or the defaults (first versions need approval; no special network allowed).</summary>
    public Task<(CapabilitySettings Settings, PlatformSetting? Row)> GetAsync(CancellationToken ct) => ReadAsync(db, ct);

    /// <summary>As <see cref="GetAsync"/>, for readers that hold only the database (desired state).</summary>
    public static async Task<(CapabilitySettings Settings, PlatformSetting? Row)> ReadAsync(PlatformDbContext db, CancellationToken ct)
    {
        var row = await db.PlatformSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == PlatformSetting.Capabilities, ct);
        return (row is null ? CapabilitySettings.Default : JsonSerializer.Deserialize<CapabilitySettings>(row.Value, Json) ?? CapabilitySettings.Default, row);
    }

    /// <summary>Replaces the settings; the caller saves. The change reaches the nodes with their desired state.</summary>
    public async Task SetAsync(CapabilitySettings settings, Actor actor, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(settings, Json);
        var row = await db.PlatformSettings.FirstOrDefaultAsync(s => s.Key == PlatformSetting.Capabilities, ct);
        if (row is null)
        {
            row = new PlatformSetting { Key = PlatformSetting.Capabilities, Value = json, UpdatedBy = actor.AuditName };
            db.PlatformSettings.Add(row);
        }
        row.Value = json;
        row.UpdatedBy = actor.AuditName;
        row.UpdatedAt = clock.GetUtcNow();
        audit.Record(actor, "settings.capabilities.set", "platform/capabilities", new()
        {
            ["approveFirstVersions"] = settings.ApproveFirstVersions ? "true" : "false",
            ["allowedOutboundNetworks"] = string.Join(", ", settings.AllowedOutboundNetworks),
        });
    }
}
