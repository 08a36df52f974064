using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Api.Infrastructure;
using Platform.Application.Auditing;
using Platform.Contracts.Services;
using Platform.Data;

namespace Platform.Api.Features.Services;

/// <summary>
/// PATCH /services/{name}: the owning team (or an admin) changes the service's settings. Today that is whether a
/// successful build deploys itself; a field left out stays as it is.
/// </summary>
public static class UpdateService
{
    public static async Task<Results<Ok<ServiceDto>, ValidationProblem>> Handle(
        string name, UpdateServiceRequest? request, ClaimsPrincipal principal, PlatformDbContext db, ServiceReadModel readModel, AuditLog audit,
        CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        if (request?.DeployOnBuild is not { } deployOnBuild)
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["deployOnBuild"] = ["Say what to change: deployOnBuild (true or false)."] },
                title: "Nothing to change.");

        if (service.DeployOnBuild != deployOnBuild)
        {
            service.DeployOnBuild = deployOnBuild;
            audit.Record(actor, "service.update", $"service/{service.Name}",
                new() { ["deployOnBuild"] = deployOnBuild.ToString(CultureInfo.InvariantCulture).ToLowerInvariant() });
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(await readModel.ToDtoAsync(service, ct));
    }
}
