using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Application.Auditing;
using Platform.Application.Identity;
using Platform.Application.Nodes;
using Platform.Contracts.Nodes;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Nodes;

namespace Platform.Api.Features.Nodes;

/// <summary>
/// An edge node presents the enrolment token and receives its own node token. The region and labels a new node asks for
/// are recorded as its claim and select nothing: they decide which services (and so which secrets) it receives, and
/// the enrolment token is shared, so only a platform admin accepting the claim (<see cref="NodeAdministration.AcceptLabels"/>)
/// or setting labels (<see cref="NodeAdministration.SetLabels"/>) makes them count; until then the node gets only the
/// services placed on every node. A name that is already enrolled enrols again only when the node proves it is that node
/// with its current node token (a restarted node keeps it in its data folder): then its URL and service domain are
/// updated and the token stays. Its region, labels and claim do not change; a node asking for others is told what it has
/// and the request is audited. Anyone else gets 409 and changes nothing; a revoked name stays refused until a platform
/// admin deletes the node.
/// </summary>
public static class EnrolNode
{
    public static async Task<Results<Ok<EnrolNodeResponse>, ProblemHttpResult, ValidationProblem>> Handle(
        EnrolNodeRequest request, HttpRequest http, PlatformDbContext db, IOptions<EdgeOptions> options, AuditLog audit,
        TimeProvider clock, CancellationToken ct)
    {
        var presented = http.Headers.Authorization.ToString() is var h && h.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? h[7..].Trim() : null;
        if (string.IsNullOrEmpty(options.Value.EnrolmentToken) || !Secrets.Matches(presented, options.Value.EnrolmentToken))
            return await RefuseAsync(db, audit, request.Name, 401, "Enrolment refused", "The enrolment token is missing or wrong.", ct);

        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 64) errors.Add("name", "A node name of 1-64 characters is required.");
        NodeLabels.Validate(request.Region, request.Labels, errors);
        if (!Uri.TryCreate(request.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            errors.Add("baseUrl", "The base URL must be an absolute http(s) URL.");
        if (request.ServiceDomain is { } domain && !ServiceDomains.IsValid(domain))
            errors.Add("serviceDomain", "The service domain must be a DNS name such as edge.example.com.");
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary());

        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Name == request.Name, ct);
        string secret;
        if (node is null)
        {
            secret = Secrets.Create(NodeTokens.Prefix);
            node = new Node { Name = request.Name, BaseUrl = request.BaseUrl, TokenHash = Secrets.Hash(secret) };
            node.Claim(request.Region, request.Labels);
            db.Nodes.Add(node);
        }
        else if (node.IsRevoked)
        {
            return await RefuseAsync(db, audit, node.Name, 409, "Node revoked",
                $"Node '{node.Name}' was revoked; it can enrol again only after a platform admin deletes it.", ct);
        }
        else if (request.NodeToken is { Length: > 0 } token && Secrets.Hash(token) == node.TokenHash)
        {
            secret = token;
            if (!NodeLabels.AsksWhatItHas(node, request.Region, request.Labels))
            {
                audit.Record($"node:{node.Name}", "node.enrol.labels-kept", $"node/{node.Name}", new()
                {
                    ["askedRegion"] = request.Region, ["askedLabels"] = NodeLabels.Format(request.Labels),
                    ["region"] = node.Region ?? "", ["labels"] = NodeLabels.Format(node.Labels),
                    ["claimedRegion"] = node.ClaimedRegion ?? "", ["claimedLabels"] = NodeLabels.Format(node.ClaimedLabels),
                });
            }
        }
        else
        {
            return await RefuseAsync(db, audit, node.Name, 409, "Node already enrolled",
                $"Node '{node.Name}' is already enrolled; enrolling it again needs its current node token (or a platform admin deletes the node first).", ct);
        }

        node.BaseUrl = request.BaseUrl.TrimEnd('/');
        node.ServiceDomain = request.ServiceDomain?.Trim('.').ToLowerInvariant();
        node.EnrolledAt = clock.GetUtcNow();
        audit.Record($"node:{node.Name}", "node.enrol", $"node/{node.Name}", new()
        {
            ["region"] = node.Region ?? "", ["baseUrl"] = node.BaseUrl, ["serviceDomain"] = node.ServiceDomain ?? "",
            ["claimedRegion"] = node.ClaimedRegion ?? "", ["claimedLabels"] = NodeLabels.Format(node.ClaimedLabels),
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new EnrolNodeResponse(node.Id, secret, node.Region, node.Labels,
            node.ClaimedRegion, node.HasClaim ? node.ClaimedLabels : null));
    }

    private static async Task<ProblemHttpResult> RefuseAsync(
        PlatformDbContext db, AuditLog audit, string name, int status, string title, string detail, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        audit.Record($"node:{name}", "node.enrol.refused", $"node/{name}", new() { ["reason"] = title });
        await db.SaveChangesAsync(ct);
        return TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["node"] = name });
    }
}
