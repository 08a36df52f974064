using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Contracts.Audit;
using Platform.Data;
using Platform.Domain;

namespace Platform.Api.Features.Audit;

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", List).WithTags("Audit").RequireAuthorization(PlatformClaims.AdminPolicy)
            .WithSummary("Newest first; filter by target prefix (e.g. service/hello) or action; a full page links the next (before=<id>).");
        return api;
    }

    /// <summary>
    /// One page of the audit log, newest first. It pages by entry id (<c>before</c>) and is not counted (it only grows);
    /// a full page carries the next page's <c>Link</c> as every list does (<see cref="Paging"/>).
    /// </summary>
    private static async Task<Results<Ok<List<AuditEntryDto>>, ValidationProblem>> List(string? target, string? action, long? before, int? limit,
        HttpContext http, PlatformDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var pageLimit = Paging.Limit(limit, errors);
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The list query is not valid.");
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(target)) query = query.Where(a => a.Target.StartsWith(target));
        if (!string.IsNullOrEmpty(action)) query = query.Where(a => a.Action == action);
        if (before is { } id) query = query.Where(a => a.Id < id);
        var (entries, more) = Paging.Split(await query.OrderByDescending(a => a.Id).Take(pageLimit + 1).ToListAsync(ct), pageLimit);
        Paging.WriteHeaders(http, null, more ? entries[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, "before");
        return TypedResults.Ok(entries.Select(a => new AuditEntryDto(a.Id, a.At, a.Actor, a.Action, a.Target, a.Details)).ToList());
    }
}
