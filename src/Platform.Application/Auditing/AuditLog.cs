using System.Diagnostics;
using Platform.Application.Identity;
using Platform.Data;
using Platform.Domain.Audit;

namespace Platform.Application.Auditing;

/// <summary>
/// Adds audit entries to the same unit of work as the change they describe, so a mutation and its
/// audit entry are saved together or not at all.
/// </summary>
public sealed class AuditLog(PlatformDbContext db, TimeProvider clock)
{
    public void Record(Actor actor, string action, string target, Dictionary<string, string>? details = null) =>
        Record(actor.AuditName, action, target, details);

    public void Record(string actor, string action, string target, Dictionary<string, string>? details = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = actor,
            Action = action,
            Target = target,
            Details = details ?? [],
            TraceId = Activity.Current?.TraceId.ToString(),
        });
}
