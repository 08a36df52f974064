using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Application.Auditing;
using Platform.Application.Services;
using Platform.Contracts.Services;
using Platform.Data;
using Platform.Domain.Services;

namespace Platform.Api.Features.Services;

/// <summary>
/// Variables and secrets of a service (owners and admins). Values reach only the versions whose manifest
/// declares the variable; secrets are encrypted at rest and never returned; the audit log names the
/// variable, never its value.
/// </summary>
public static partial class VariablesEndpoints
{
    public static RouteGroupBuilder MapVariablesEndpoints(this RouteGroupBuilder api)
    {
        var variables = api.MapGroup("/services/{name}/variables").WithTags("Services");
        variables.MapGet("/", List).RequireAuthorization(PlatformClaims.DeveloperPolicy);
        variables.MapPut("/{variable}", Set).RequireAuthorization(PlatformClaims.WriterPolicy);
        variables.MapDelete("/{variable}", Delete).RequireAuthorization(PlatformClaims.WriterPolicy);
        return api;
    }

    private static async Task<Ok<List<VariableDto>>> List(string name, ClaimsPrincipal principal, PlatformDbContext db, CancellationToken ct)
    {
        var service = await db.FindOwnedAsync(name, principal.ToActor(), ct);
        var rows = await db.ServiceVariables.AsNoTracking().Where(v => v.ServiceId == service.Id).OrderBy(v => v.Name).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(v => new VariableDto(v.Name, v.IsSecret, v.IsSecret ? null : v.StoredValue, v.UpdatedBy, v.UpdatedAt)).ToList());
    }

    private static async Task<Results<NoContent, ValidationProblem>> Set(
        string name, string variable, SetVariableRequest request, ClaimsPrincipal principal, PlatformDbContext db,
        VariableVault vault, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        if (!VariableName().IsMatch(variable))
            return Invalid("variable", "A variable name is lower-case letters, digits and underscores, starting with a letter.");
        if (request.Value is null || request.Value.Length > 16 * 1024)
            return Invalid("value", "A value of at most 16 KiB is required.");
        var secret = request.Secret || await db.ComponentVersions.AnyAsync(v => v.ServiceId == service.Id && v.SecretVariables.Contains(variable), ct);

        var row = await db.ServiceVariables.FirstOrDefaultAsync(v => v.ServiceId == service.Id && v.Name == variable, ct);
        if (row is null)
        {
            row = new ServiceVariable { ServiceId = service.Id, Name = variable, StoredValue = "", UpdatedBy = "" };
            db.ServiceVariables.Add(row);
        }
        row.IsSecret = secret || row.IsSecret;
        row.StoredValue = row.IsSecret ? vault.Protect(request.Value) : request.Value;
        row.UpdatedBy = actor.AuditName;
        row.UpdatedAt = clock.GetUtcNow();
        audit.Record(actor, "variable.set", $"service/{service.Name}", new() { ["variable"] = variable, ["secret"] = row.IsSecret ? "true" : "false" });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound>> Delete(
        string name, string variable, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        var row = await db.ServiceVariables.FirstOrDefaultAsync(v => v.ServiceId == service.Id && v.Name == variable, ct);
        if (row is null) return TypedResults.NotFound();
        db.ServiceVariables.Remove(row);
        audit.Record(actor, "variable.delete", $"service/{service.Name}", new() { ["variable"] = variable });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();
}
