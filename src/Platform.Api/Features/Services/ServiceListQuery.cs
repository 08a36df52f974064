using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Application.Identity;
using Platform.Domain;
using Platform.Domain.Services;

namespace Platform.Api.Features.Services;

/// <summary>
/// One page of <c>GET /api/v1/services</c>: <c>search</c> (name or description contains it, case-insensitive),
/// <c>team</c>, <c>mine=true</c> (the caller's teams), <c>status</c> (<c>running</c>: serving a stable version and no
/// canary; <c>canary</c>: a canary beside stable; <c>undeployed</c>: nothing serving), <c>sort</c> (<c>name</c>,
/// <c>-name</c>, <c>created</c>, <c>-created</c>), <c>limit</c> and <c>after</c> as every list pages (<see cref="Paging"/>).
/// </summary>
public sealed record ServiceListQuery(string? Search, string? Team, bool Mine, string? Status, string Sort, int Limit, (DateTimeOffset Created, string Name)? After)
{
    private static readonly string[] Sorts = ["name", "-name", "created", "-created"];
    private static readonly string[] Statuses = ["running", "canary", "undeployed"];

    public static ServiceListQuery? Parse(string? search, string? team, bool? mine, string? status, string? sort, int? limit, string? after, ValidationErrors errors)
    {
        search = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (search?.Length > 100) errors.Add("search", "At most 100 characters.");
        if (team is not null && !Slug.IsValid(team)) errors.Add("team", "A team name: lower-case letters, digits and '-'.");
        if (status is not null && !Statuses.Contains(status)) errors.Add("status", $"One of {string.Join(", ", Statuses)}.");
        sort = Paging.Sort(sort, Sorts, errors);
        var pageLimit = Paging.Limit(limit, errors);
        var cursor = Paging.After(after, sort, 2, (i, part) => i == 0 ? Paging.TryTimestamp(part, out _) : Slug.IsValid(part), errors);
        (DateTimeOffset, string)? position = cursor is null ? null : (Timestamp(cursor[0]), cursor[1]);
        return errors.IsValid ? new ServiceListQuery(search, team, mine ?? false, status, sort, pageLimit, position) : null;
    }

    /// <summary>The services of this page, in order, and whether more follow.</summary>
    public async Task<(List<Service> Page, bool More, int Total)> RunAsync(Platform.Data.PlatformDbContext db, Actor actor, CancellationToken ct)
    {
        var filtered = Filter(db.Services.AsNoTracking(), db, actor);
        var total = await filtered.CountAsync(ct);
        var (page, more) = Paging.Split(await Order(After is { } after ? Beyond(filtered, after) : filtered).Take(Limit + 1).ToListAsync(ct), Limit);
        return (page, more, total);
    }

    public string NextCursor(Service last) => Paging.Cursor(Sort, Paging.Ticks(last.CreatedAt), last.Name);

    private static DateTimeOffset Timestamp(string part) => Paging.TryTimestamp(part, out var at) ? at : default;

    private IQueryable<Service> Filter(IQueryable<Service> services, Platform.Data.PlatformDbContext db, Actor actor)
    {
        if (Search is { } search)
        {
            var pattern = Like.Contains(search);
            services = services.Where(s => EF.Functions.ILike(s.Name, pattern, Like.Escape) || EF.Functions.ILike(s.Description, pattern, Like.Escape));
        }
        if (Team is { } team) services = services.Where(s => db.Teams.Any(t => t.Id == s.OwnerTeamId && t.Name == team));
        if (Mine)
        {
            var teams = actor.TeamIds.ToList();
            services = services.Where(s => teams.Contains(s.OwnerTeamId));
        }
        services = Status switch
        {
            "running" => services.Where(s => db.ServiceDeployments.Any(d => d.ServiceId == s.Id && d.CanaryVersionId == null)),
            "canary" => services.Where(s => db.ServiceDeployments.Any(d => d.ServiceId == s.Id && d.CanaryVersionId != null)),
            "undeployed" => services.Where(s => !db.ServiceDeployments.Any(d => d.ServiceId == s.Id)),
            _ => services,
        };
        return services;
    }

    private IQueryable<Service> Beyond(IQueryable<Service> services, (DateTimeOffset Created, string Name) after) => Sort switch
    {
        "-name" => services.Where(s => string.Compare(s.Name, after.Name) < 0),
        "created" => services.Where(s => s.CreatedAt > after.Created || (s.CreatedAt == after.Created && string.Compare(s.Name, after.Name) > 0)),
        "-created" => services.Where(s => s.CreatedAt < after.Created || (s.CreatedAt == after.Created && string.Compare(s.Name, after.Name) < 0)),
        _ => services.Where(s => string.Compare(s.Name, after.Name) > 0),
    };

    private IQueryable<Service> Order(IQueryable<Service> services) => Sort switch
    {
        "-name" => services.OrderByDescending(s => s.Name),
        "created" => services.OrderBy(s => s.CreatedAt).ThenBy(s => s.Name),
        "-created" => services.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Name),
        _ => services.OrderBy(s => s.Name),
    };
}
