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
/// revoked node, or a node that lost its token, back in), and set a node's region and labels or accept the ones it
/// claimed at its first enrolment (which services, and so which secrets, it receives: a node never sets them itself).
/// All audited.
/// </summary>
public static class NodeAdministration
{
    public static async Task<Results<Ok<NodeDto>, NotFound>> Revoke(
        Guid id, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, DesiredStateSignal signal, DesiredStateDeltas deltas, TimeProvider clock,
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
            deltas.Forget(node.Id);
        }
        return TypedResults.Ok(ToDto(node, clock.GetUtcNow(), options.Value.HeartbeatTimeout));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(
        Guid id, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, DesiredStateSignal signal, DesiredStateDeltas deltas,
        DesiredStateMemory memory, CancellationToken ct)
    {
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (node is null) return TypedResults.NotFound();
        db.Nodes.Remove(node);
        deltas.Forget(node.Id);
        memory.Forget(node.Id);
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
        if (!NodeLabels.Same(node, request.Region, request.Labels) || node.HasClaim)
        {
            var details = new Dictionary<string, string>
            {
                ["region"] = request.Region, ["labels"] = NodeLabels.Format(request.Labels),
                ["previousRegion"] = node.Region ?? "", ["previousLabels"] = NodeLabels.Format(node.Labels),
            };
            // Setting labels settles a pending claim: the admin said what the node is.
            if (node.HasClaim)
            {
                details["setAsideClaimedRegion"] = node.ClaimedRegion!;
                details["setAsideClaimedLabels"] = NodeLabels.Format(node.ClaimedLabels);
            }
            audit.Record(principal.ToActor(), "node.labels", $"node/{node.Name}", details);
            node.SetLabels(request.Region, request.Labels);
            await db.SaveChangesAsync(ct);
            signal.Pulse(); // the node's placements, and so its desired state, may have changed
        }
        return TypedResults.Ok(ToDto(node, clock.GetUtcNow(), options.Value.HeartbeatTimeout));
    }

    /// <summary>
    /// A platform admin accepts the region and labels the node claimed at its first enrolment: from now on its placements
    /// select on them. A node with no claim pending (accepted or set already) is answered 409, so a stale click says so.
    /// </summary>
    public static async Task<Results<Ok<NodeDto>, NotFound, ProblemHttpResult>> AcceptLabels(
        Guid id, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, DesiredStateSignal signal,
        TimeProvider clock, IOptions<EdgeOptions> options, CancellationToken ct)
    {
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (node is null) return TypedResults.NotFound();
        if (!node.HasClaim)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No claimed labels to accept",
                detail: $"Node '{node.Name}' has no claimed labels awaiting acceptance: its labels were accepted or set already ({RegionAndLabels(node)}).",
                extensions: new Dictionary<string, object?> { ["node"] = node.Name });
        }
        audit.Record(principal.ToActor(), "node.labels.accept", $"node/{node.Name}", new()
        {
            ["region"] = node.ClaimedRegion!, ["labels"] = NodeLabels.Format(node.ClaimedLabels),
            ["previousRegion"] = node.Region ?? "", ["previousLabels"] = NodeLabels.Format(node.Labels),
        });
        node.AcceptClaim();
        await db.SaveChangesAsync(ct);
        signal.Pulse(); // the node now receives what is placed on its labels
        return TypedResults.Ok(ToDto(node, clock.GetUtcNow(), options.Value.HeartbeatTimeout));
    }

    private static string RegionAndLabels(Node node) =>
        $"region {node.Region ?? "none"}, labels {(node.Labels.Count == 0 ? "none" : NodeLabels.Format(node.Labels))}";

    public static NodeDto ToDto(Node n, DateTimeOffset now, TimeSpan heartbeatTimeout) =>
        new(n.Id, n.Name, n.Region, n.BaseUrl, n.IsOnline(now, heartbeatTimeout), n.EnrolledAt, n.LastHeartbeatAt, n.ReadyVersions,
            n.FailedVersions, n.RingLabels(), n.RevokedAt, n.RevokedBy, n.ClaimedRegion, n.HasClaim ? ClaimedLabels(n) : null);

    /// <summary>The claim as the node's labels would be once accepted: its labels with its region as "region".</summary>
    private static Dictionary<string, string> ClaimedLabels(Node n)
    {
        var labels = new Dictionary<string, string>(n.ClaimedLabels, StringComparer.Ordinal);
        labels.TryAdd("region", n.ClaimedRegion!);
        return labels;
    }
}
