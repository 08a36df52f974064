using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Application.Auditing;
using Platform.Contracts.Services;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Nodes;
using Platform.Domain.Services;

namespace Platform.Api.Features.Services;

/// <summary>
/// A service's placement: the nodes it runs on, by node label. Everyone signed in reads it; the owning team (or an
/// admin) sets it (PUT; an empty placement, or DELETE, runs it on every node). Nodes pick it up at once (their
/// desired state is watched), and rollouts count only the nodes it selects.
/// </summary>
public static class PlacementEndpoints
{
    public static RouteGroupBuilder MapPlacementEndpoints(this RouteGroupBuilder api)
    {
        var placement = api.MapGroup("/services/{name}/placement").WithTags("Services").RequireAuthorization(PlatformClaims.DeveloperPolicy);
        placement.MapGet("/", Get);
        placement.MapPut("/", Set).RequireAuthorization(PlatformClaims.WriterPolicy)
            .WithSummary("The nodes the service runs on: matchLabels and matchExpressions over node labels (owners and admins).");
        placement.MapDelete("/", Reset).RequireAuthorization(PlatformClaims.WriterPolicy).WithSummary("Run the service on every node again.");
        return api;
    }

    private static async Task<Ok<ServicePlacementDto>> Get(string name, PlatformDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await DescribeAsync(db, (await db.FindAsync(name, ct)).Placement, ct));

    private static async Task<Results<Ok<ServicePlacementDto>, ValidationProblem>> Set(
        string name, PlacementDto? request, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        var placement = FromDto(request ?? new PlacementDto());
        var errors = new ValidationErrors();
        PlacementRules.Validate(placement, errors);
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The placement is not valid.");
        await SaveAsync(service, placement.SelectsEveryNode ? null : placement, actor, db, audit, ct);
        return TypedResults.Ok(await DescribeAsync(db, service.Placement, ct));
    }

    private static async Task<Ok<ServicePlacementDto>> Reset(string name, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var service = await db.FindOwnedAsync(name, actor, ct);
        await SaveAsync(service, null, actor, db, audit, ct);
        return TypedResults.Ok(await DescribeAsync(db, null, ct));
    }

    private static async Task SaveAsync(Service service, NodePlacement? placement, Application.Identity.Actor actor, PlatformDbContext db, AuditLog audit, CancellationToken ct)
    {
        service.Placement = placement;
        audit.Record(actor, "service.placement", $"service/{service.Name}",
            new() { ["placement"] = placement is null ? "every node" : JsonSerializer.Serialize(ToDto(placement), JsonSerializerOptions.Web) });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The placement as shown, with the enrolled, unrevoked nodes it selects now.</summary>
    public static async Task<ServicePlacementDto> DescribeAsync(PlatformDbContext db, NodePlacement? placement, CancellationToken ct) =>
        Describe(placement, await db.Nodes.AsNoTracking().Where(n => n.RevokedAt == null).OrderBy(n => n.Name).ToListAsync(ct));

    /// <summary>The placement as shown, with those of <paramref name="nodes"/> (enrolled, unrevoked, by name) it selects.</summary>
    public static ServicePlacementDto Describe(NodePlacement? placement, IEnumerable<Node> nodes) =>
        new(placement is null ? new PlacementDto(new Dictionary<string, string>(), []) : ToDto(placement),
            placement is null, nodes.Where(n => NodePlacement.Places(placement, n)).Select(n => n.Name).ToList());

    private static NodePlacement FromDto(PlacementDto dto) => new()
    {
        MatchLabels = dto.MatchLabels?.ToDictionary(StringComparer.Ordinal) ?? [],
        MatchExpressions = (dto.MatchExpressions ?? []).Select(e => new LabelRequirement
        {
            Key = e?.Key ?? "", Operator = e?.Operator ?? "", Values = e?.Values?.ToList() ?? [],
        }).ToList(),
    };

    private static PlacementDto ToDto(NodePlacement placement) => new(
        new Dictionary<string, string>(placement.MatchLabels, StringComparer.Ordinal),
        placement.MatchExpressions.Select(e => new LabelRequirementDto(e.Key, e.Operator, e.Values.ToList())).ToList());
}
