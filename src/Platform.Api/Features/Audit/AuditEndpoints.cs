using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Contracts.Audit;
using Platform.Data;

namespace Platform.Api.Features.Audit;

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", List).WithTags("Audit").RequireAuthorization(PlatformClaims.AdminPolicy)
            .WithSummary("Newest first; filter by target prefix (e.g. service/hello) or action; page with before=<id>.");
        return api;
    }

    private static async Task<Ok<List<AuditEntryDto>>> List(string? target, string? action, long? before, int? limit, PlatformDbContext db, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(target)) query = query.Where(a => a.Target.StartsWith(target));
        if (!string.IsNullOrEmpty(action)) query = query.Where(a => a.Action == action);
        if (before is { } id) query = query.Where(a => a.Id < id);
        var entries = await query.OrderByDescending(a => a.Id).Take(Math.Clamp(limit ?? 100, 1, 500)).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(a => new AuditEntryDto(a.Id, a.At, a.Actor, a.Action, a.Target, a.Details)).ToList());
    }
}
