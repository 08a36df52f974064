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
/// An edge node presents the enrolment token and receives its own node token. Enrolling an existing
/// name again rotates that node's token (a restarted node proves itself with the enrolment token).
/// </summary>
public static class EnrolNode
{
    public static async Task<Results<Ok<EnrolNodeResponse>, ProblemHttpResult, ValidationProblem>> Handle(
        EnrolNodeRequest request, HttpRequest http, PlatformDbContext db, IOptions<EdgeOptions> options, AuditLog audit,
        TimeProvider clock, CancellationToken ct)
    {
        var presented = http.Headers.Authorization.ToString() is var h && h.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? h[7..].Trim() : null;
        if (string.IsNullOrEmpty(options.Value.EnrolmentToken) || !Secrets.Matches(presented, options.Value.EnrolmentToken))
        {
            audit.Record($"node:{request.Name}", "node.enrol.refused", $"node/{request.Name}");
            await db.SaveChangesAsync(ct);
            return TypedResults.Problem(statusCode: 401, title: "Enrolment refused", detail: "The enrolment token is missing or wrong.");
        }

        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 64) errors.Add("name", "A node name of 1-64 characters is required.");
        if (string.IsNullOrWhiteSpace(request.Region) || request.Region.Length > 64) errors.Add("region", "A region of 1-64 characters is required.");
        if (!Uri.TryCreate(request.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            errors.Add("baseUrl", "The base URL must be an absolute http(s) URL.");
        if (request.ServiceDomain is { } domain && !ServiceDomains.IsValid(domain))
            errors.Add("serviceDomain", "The service domain must be a DNS name such as edge.example.com.");
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary());

        var secret = Secrets.Create(NodeTokens.Prefix);
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Name == request.Name, ct);
        if (node is null)
        {
            node = new Node { Name = request.Name, Region = request.Region, BaseUrl = request.BaseUrl, TokenHash = "" };
            db.Nodes.Add(node);
        }
        node.Region = request.Region;
        node.BaseUrl = request.BaseUrl.TrimEnd('/');
        node.ServiceDomain = request.ServiceDomain?.Trim('.').ToLowerInvariant();
        node.Labels = request.Labels?.ToDictionary() ?? [];
        node.TokenHash = Secrets.Hash(secret);
        node.EnrolledAt = clock.GetUtcNow();
        audit.Record($"node:{node.Name}", "node.enrol", $"node/{node.Name}", new() { ["region"] = node.Region, ["baseUrl"] = node.BaseUrl, ["serviceDomain"] = node.ServiceDomain ?? "" });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new EnrolNodeResponse(node.Id, secret));
    }
}
