using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Topics;

namespace Platform.Api.Features.Topics;

/// <summary>
/// One page of <c>GET /api/v1/topics</c>: <c>search</c> (name or description contains it, case-insensitive), <c>team</c> (the
/// owner team's name), <c>sort</c> (<c>name</c>, <c>-name</c>), <c>limit</c> and <c>after</c> as every list pages
/// (<see cref="Paging"/>); the cursor holds the last name (names are unique).
/// </summary>
public sealed record TopicListQuery(string? Search, string? Team, string Sort, int Limit, string? After)
{
    private static readonly string[] Sorts = ["name", "-name"];

    public static TopicListQuery? Parse(string? search, string? team, string? sort, int? limit, string? after, ValidationErrors errors)
    {
        search = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (search?.Length > 100) errors.Add("search", "At most 100 characters.");
        if (team is not null && !Slug.IsValid(team)) errors.Add("team", "A team name: lower-case letters, digits and '-'.");
        sort = Paging.Sort(sort, Sorts, errors);
        var pageLimit = Paging.Limit(limit, errors);
        var cursor = Paging.After(after, sort, 1, (_, part) => Slug.IsValid(part), errors);
        return errors.IsValid ? new TopicListQuery(search, team, sort, pageLimit, cursor?[0]) : null;
    }

    /// <summary>The topics of this page (with owner team and schema versions), in order, whether more follow, and how many match.</summary>
    public async Task<(List<Topic> Page, bool More, int Total)> RunAsync(PlatformDbContext db, CancellationToken ct)
    {
        var filtered = Filter(db.Topics.AsNoTracking());
        var total = await filtered.CountAsync(ct);
        var ordered = Order(After is { } after ? Beyond(filtered, after) : filtered);
        var rows = await ordered.Include(t => t.OwnerTeam).Include(t => t.Schemas).AsSplitQuery().Take(Limit + 1).ToListAsync(ct);
        var (page, more) = Paging.Split(rows, Limit);
        return (page, more, total);
    }

    public string NextCursor(Topic last) => Paging.Cursor(Sort, last.Name);

    private IQueryable<Topic> Filter(IQueryable<Topic> topics)
    {
        if (Search is { } search)
        {
            var pattern = Like.Contains(search);
            topics = topics.Where(t => EF.Functions.ILike(t.Name, pattern, Like.Escape) || EF.Functions.ILike(t.Description, pattern, Like.Escape));
        }
        if (Team is { } team) topics = topics.Where(t => t.OwnerTeam!.Name == team);
        return topics;
    }

    private IQueryable<Topic> Beyond(IQueryable<Topic> topics, string after) => Sort == "-name"
        ? topics.Where(t => string.Compare(t.Name, after) < 0)
        : topics.Where(t => string.Compare(t.Name, after) > 0);

    private IQueryable<Topic> Order(IQueryable<Topic> topics) => Sort == "-name" ? topics.OrderByDescending(t => t.Name) : topics.OrderBy(t => t.Name);
}
