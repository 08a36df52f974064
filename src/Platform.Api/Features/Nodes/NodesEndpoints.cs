using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure;
using Platform.Application.Nodes;
using Platform.Contracts.Nodes;
using Platform.Data;
using Platform.Domain;

namespace Platform.Api.Features.Nodes;

public static class NodesEndpoints
{
    public static RouteGroupBuilder MapNodesEndpoints(this RouteGroupBuilder api)
    {
        var nodes = api.MapGroup("/nodes").WithTags("Nodes");
        nodes.MapGet("/", List).RequireAuthorization(PlatformClaims.DeveloperPolicy);
        nodes.MapPost("/enrol", EnrolNode.Handle).AllowAnonymous()
            .WithSummary("Edge nodes enrol with the enrolment token; an enrolled name only with its node token.");
        nodes.MapGet("/{id:guid}/desired-state", GetDesiredState).RequireAuthorization(PlatformClaims.NodePolicy);
        nodes.MapPost("/{id:guid}/heartbeat", NodeHeartbeat.Handle).RequireAuthorization(PlatformClaims.NodePolicy);
        nodes.MapPost("/{id:guid}/revoke", NodeAdministration.Revoke).RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy)
            .WithSummary("Platform admins: the node's token stops working at once and it gets no desired state.");
        nodes.MapPut("/{id:guid}/labels", NodeAdministration.SetLabels).RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy)
            .WithSummary("Platform admins: the node's region and labels, which its services' placements select on (settles a pending claim).");
        nodes.MapPost("/{id:guid}/labels/accept", NodeAdministration.AcceptLabels).RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy)
            .WithSummary("Platform admins: accept the region and labels a node claimed at its first enrolment; until then they select nothing.");
        nodes.MapDelete("/{id:guid}", NodeAdministration.Delete).RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy)
            .WithSummary("Platform admins: forget a node, so its name can enrol afresh.");
        return api;
    }

    private static readonly string[] Sorts = ["name", "-name"];

    /// <summary>
    /// One page of the enrolled nodes by name; <c>search</c>: the name contains it. Pages as every list does (<see cref="Paging"/>).
    /// </summary>
    private static async Task<Results<Ok<List<NodeDto>>, ValidationProblem>> List(string? search, string? sort, int? limit, string? after,
        HttpContext http, PlatformDbContext db, TimeProvider clock, IOptions<EdgeOptions> options, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        search = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (search?.Length > 100) errors.Add("search", "At most 100 characters.");
        sort = Paging.Sort(sort, Sorts, errors);
        var pageLimit = Paging.Limit(limit, errors);
        var cursor = Paging.After(after, sort, 1, (_, part) => part.Length is > 0 and <= 100, errors);
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The list query is not valid.");
        var nodes = db.Nodes.AsNoTracking();
        if (search is not null) nodes = nodes.Where(n => EF.Functions.ILike(n.Name, Like.Contains(search), Like.Escape));
        var total = await nodes.CountAsync(ct);
        if (cursor is [var last])
        {
            nodes = sort == "-name" ? nodes.Where(n => string.Compare(n.Name, last) < 0) : nodes.Where(n => string.Compare(n.Name, last) > 0);
        }
        nodes = sort == "-name" ? nodes.OrderByDescending(n => n.Name) : nodes.OrderBy(n => n.Name);
        var (page, more) = Paging.Split(await nodes.Take(pageLimit + 1).ToListAsync(ct), pageLimit);
        Paging.WriteHeaders(http, total, more ? Paging.Cursor(sort, page[^1].Name) : null);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(page.Select(n => NodeAdministration.ToDto(n, now, options.Value.HeartbeatTimeout)).ToList());
    }

    /// <summary>
    /// The node's desired state. With <paramref name="after"/> (the revision the node has) and <paramref name="waitSeconds"/>,
    /// a long poll: the answer comes as soon as the state differs, or with the same revision when the wait is over.
    /// With <paramref name="baseRevision"/> (query <c>base</c>: the whole state the node holds) the answer may be a delta
    /// against it (<see cref="DesiredStateDeltas"/>). A node revoked while it waits is answered 401.
    /// </summary>
    private static async Task<Results<Ok<NodeDesiredStateDto>, ForbidHttpResult, UnauthorizedHttpResult>> GetDesiredState(
        Guid id, string? after, int? waitSeconds, [FromQuery(Name = "base")] string? baseRevision, ClaimsPrincipal principal, PlatformDbContext db,
        Application.Services.VariableVault vault, DesiredStateMemory memory, DesiredStateSignal signal, DesiredStateDeltas deltas, IOptions<Application.Quotas.QuotaOptions> quotas,
        TimeProvider clock, CancellationToken ct)
    {
        if (principal.NodeId() != id) return TypedResults.Forbid();
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Clamp(waitSeconds ?? 0, 0, MaxWaitSeconds));
        while (true)
        {
            var changed = signal.Next();
            // A long poll (after) is woken by the notification of each change it may not have seen yet; any other read sees every commit.
            var state = await DesiredState.ForNodeAsync(db, vault, memory, quotas.Value, id, fresh: after is null, ct);
            if (state is null)
            {
                deltas.Forget(id);
                return TypedResults.Unauthorized();
            }
            var remaining = deadline - clock.GetUtcNow();
            if (after is null || state.State.Revision != after || remaining <= TimeSpan.Zero) return TypedResults.Ok(deltas.Shape(id, state, baseRevision));
            // Read again at a change, and every few seconds in case a notification was lost.
            await Task.WhenAny(changed, Task.Delay(remaining < RecheckEvery ? remaining : RecheckEvery, clock, ct));
            ct.ThrowIfCancellationRequested();
            db.ChangeTracker.Clear();
        }
    }

    private const int MaxWaitSeconds = 30;
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(5);
}
