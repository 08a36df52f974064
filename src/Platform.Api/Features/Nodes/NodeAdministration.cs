using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Application.Auditing;
using Platform.Application.Nodes;
using Platform.Contracts.Nodes;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Nodes;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// Platform admins revoke a node (its token stops authenticating at once, it gets no desired state, its reports are
/// forgotten; the name cannot enrol again) and delete a node (the name is free to enrol afresh: how an admin lets a
/// revoked node, or a node that lost its token, back in), and set a node's region and labels (which services, and so
/// which secrets, it receives: a node cannot change them itself once enrolled). All audited.
/// </summary>
public static class NodeAdministration
{
    public static async Task<Results<Ok<NodeDto>, NotFound>> Revoke(
        Guid id, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, DesiredStateSignal signal, TimeProvider clock,
        IOptions<EdgeOptions> options, CancellationToken ct)
    {
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (node is null) return TypedResults.NotFound();
        var actor = principal.ToActor();
        if (!node.IsRevoked)
        {
            node.Revoke(actor.AuditName, clock.GetUtcNow());
            audit.Record(actor, "node.revoke", $"node/{node.Name}", new() { ["nodeId"] = node.Id.ToString() });
            await db.SaveChangesAsync(ct);
            signal.Pulse(); // a long poll the node holds ends now (and is answered 401)
        }
        return TypedResults.Ok(ToDto(node, clock.GetUtcNow(), options.Value.HeartbeatTimeout));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(
        Guid id, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, DesiredStateSignal signal, CancellationToken ct)
    {
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (node is null) return TypedResults.NotFound();
        db.Nodes.Remove(node);
        audit.Record(principal.ToActor(), "node.delete", $"node/{node.Name}",
            new() { ["nodeId"] = node.Id.ToString(), ["wasRevoked"] = node.IsRevoked ? "true" : "false" });
        await db.SaveChangesAsync(ct);
        signal.Pulse();
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<NodeDto>, NotFound, ValidationProblem>> SetLabels(
        Guid id, SetNodeLabelsRequest request, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, DesiredStateSignal signal,
        TimeProvider clock, IOptions<EdgeOptions> options, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        NodeLabels.Validate(request.Region, request.Labels, errors);
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary());
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (node is null) return TypedResults.NotFound();
        if (!NodeLabels.Same(node, request.Region, request.Labels))
        {
            audit.Record(principal.ToActor(), "node.labels", $"node/{node.Name}", new()
            {
                ["region"] = request.Region, ["labels"] = NodeLabels.Format(request.Labels),
                ["previousRegion"] = node.Region, ["previousLabels"] = NodeLabels.Format(node.Labels),
            });
            node.Region = request.Region;
            node.Labels = request.Labels?.ToDictionary() ?? [];
            await db.SaveChangesAsync(ct);
            signal.Pulse(); // the node's placements, and so its desired state, may have changed
        }
        return TypedResults.Ok(ToDto(node, clock.GetUtcNow(), options.Value.HeartbeatTimeout));
    }

    public static NodeDto ToDto(Node n, DateTimeOffset now, TimeSpan heartbeatTimeout) =>
        new(n.Id, n.Name, n.Region, n.BaseUrl, n.IsOnline(now, heartbeatTimeout), n.EnrolledAt, n.LastHeartbeatAt, n.ReadyVersions,
            n.FailedVersions, n.RingLabels(), n.RevokedAt, n.RevokedBy);
}
