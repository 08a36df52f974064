using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure;
using Platform.Application.Auditing;
using Platform.Application.Quotas;
using Platform.Contracts.Services;
using Platform.Data;
using Platform.Domain.Services;

namespace Platform.Api.Features.Services;

/// <summary>
/// GET /services/{name}/quotas shows the quotas that hold for a service; PUT (platform admins only, audited)
/// sets its overrides, a null field going back to the platform default (section "Quotas"). The key-value quota
/// and the instance cap reach the nodes in each version's limits; the queued-builds quota is checked when a
/// build is requested.
/// </summary>
public static class ServiceQuotas
{
    public static async Task<Ok<ServiceQuotasDto>> Get(string name, PlatformDbContext db, IOptions<QuotaOptions> quotas, CancellationToken ct) =>
        TypedResults.Ok(ToDto((await db.FindAsync(name, ct)).Quotas, quotas.Value));

    public static async Task<Results<Ok<ServiceQuotasDto>, ValidationProblem>> Put(
        string name, SetServiceQuotasRequest request, ClaimsPrincipal principal, PlatformDbContext db, IOptions<QuotaOptions> quotas, AuditLog audit,
        CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        var overrides = new ServiceQuotaOverrides(request.KeyValueBytes, request.QueuedBuilds, request.MaxInstances);
        var errors = ServiceQuotaRules.Validate(overrides);
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The quotas are out of range.");

        service.Quotas = overrides.IsEmpty ? null : overrides;
        audit.Record(principal.ToActor(), "service.quotas", $"service/{service.Name}", new()
        {
            ["keyValueBytes"] = Describe(overrides.KeyValueBytes),
            ["queuedBuilds"] = Describe(overrides.QueuedBuilds),
            ["maxInstances"] = Describe(overrides.MaxInstances),
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(service.Quotas, quotas.Value));
    }

    private static ServiceQuotasDto ToDto(ServiceQuotaOverrides? overrides, QuotaOptions platform)
    {
        var effective = platform.For(overrides);
        return new ServiceQuotasDto(effective.KeyValueBytes, effective.QueuedBuilds, effective.MaxInstances,
            overrides?.KeyValueBytes, overrides?.QueuedBuilds, overrides?.MaxInstances);
    }

    private static string Describe(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "default";
}
