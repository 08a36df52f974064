using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure;
using Platform.Application.Nodes;
using Platform.Contracts.Nodes;
using Platform.Data;
using Platform.Domain.Nodes;

namespace Platform.Api.Features.Nodes;

public static class NodesEndpoints
{
    public static RouteGroupBuilder MapNodesEndpoints(this RouteGroupBuilder api)
    {
        var nodes = api.MapGroup("/nodes").WithTags("Nodes");
        nodes.MapGet("/", List).RequireAuthorization(PlatformClaims.DeveloperPolicy);
        nodes.MapPost("/enrol", EnrolNode.Handle).AllowAnonymous().WithSummary("Edge nodes enrol with the enrolment token.");
        nodes.MapGet("/{id:guid}/desired-state", GetDesiredState).RequireAuthorization(PlatformClaims.NodePolicy);
        nodes.MapPost("/{id:guid}/heartbeat", Heartbeat).RequireAuthorization(PlatformClaims.NodePolicy);
        return api;
    }

    private static async Task<Ok<List<NodeDto>>> List(PlatformDbContext db, TimeProvider clock, IOptions<EdgeOptions> options, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var nodes = await db.Nodes.AsNoTracking().OrderBy(n => n.Name).ToListAsync(ct);
        return TypedResults.Ok(nodes.Select(n => new NodeDto(n.Id, n.Name, n.Region, n.BaseUrl, n.IsOnline(now, options.Value.HeartbeatTimeout),
            n.EnrolledAt, n.LastHeartbeatAt, n.ReadyVersions, n.FailedVersions)).ToList());
    }

    /// <summary>
    /// The node's desired state. With <paramref name="after"/> (the revision the node has) and <paramref name="waitSeconds"/>,
    /// a long poll: the answer comes as soon as the state differs, or with the same revision when the wait is over.
    /// </summary>
    private static async Task<Results<Ok<NodeDesiredStateDto>, ForbidHttpResult>> GetDesiredState(
        Guid id, string? after, int? waitSeconds, ClaimsPrincipal principal, PlatformDbContext db, Application.Services.VariableVault vault,
        DesiredStateSignal signal, IOptions<Application.Quotas.QuotaOptions> quotas, TimeProvider clock, CancellationToken ct)
    {
        if (principal.NodeId() != id) return TypedResults.Forbid();
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Clamp(waitSeconds ?? 0, 0, MaxWaitSeconds));
        while (true)
        {
            var changed = signal.Next();
            var state = await DesiredState.ForNodeAsync(db, vault, quotas.Value, id, ct);
            var remaining = deadline - clock.GetUtcNow();
            if (after is null || state.Revision != after || remaining <= TimeSpan.Zero) return TypedResults.Ok(state);
            // Read again at a change, and every few seconds in case a notification was lost.
            await Task.WhenAny(changed, Task.Delay(remaining < RecheckEvery ? remaining : RecheckEvery, clock, ct));
            ct.ThrowIfCancellationRequested();
            db.ChangeTracker.Clear();
        }
    }

    private const int MaxWaitSeconds = 30;
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(5);

    private static async Task<Results<NoContent, ForbidHttpResult>> Heartbeat(
        Guid id, NodeHeartbeatRequest request, ClaimsPrincipal principal, PlatformDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (principal.NodeId() != id) return TypedResults.Forbid();
        var ready = (request.Ready ?? []).Select(r => Node.ReadyKey(r.Service, r.Version, r.Digest)).Take(10_000).ToList();
        var failed = (request.Failed ?? []).Select(f => $"{f.Service}@{f.Version}: {Truncate(f.Reason, 500)}").Take(1_000).ToList();
        var metrics = (request.Metrics ?? []).Take(1_000).Select(MetricsMapping.ToDomain).ToList();
        await db.Nodes.Where(n => n.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.LastHeartbeatAt, clock.GetUtcNow())
            .SetProperty(n => n.AppliedRevision, request.AppliedRevision)
            .SetProperty(n => n.ReadyVersions, ready)
            .SetProperty(n => n.FailedVersions, failed)
            .SetProperty(n => n.Metrics, metrics), ct);
        return TypedResults.NoContent();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
