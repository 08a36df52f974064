using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Application;
using Platform.Application.Auditing;
using Platform.Contracts.Identity;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Teams;

namespace Platform.Api.Features.Teams;

/// <summary>
/// Platform admins create teams and manage the members of local accounts. People who sign in through the
/// organisation's provider get their teams from its groups at every sign-in, so their memberships are not edited here.
/// </summary>
public static class TeamAdministration
{
    public static async Task<Results<Created<TeamDto>, ValidationProblem>> Create(
        CreateTeamRequest request, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!Slug.IsValid(request.Name)) errors.Add("name", Slug.Describe("A team name"));
        if (string.IsNullOrWhiteSpace(request.DisplayName)) errors.Add("displayName", "A display name is required.");
        if (!errors.IsValid) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The team is invalid.");
        if (await db.Teams.AnyAsync(t => t.Name == request.Name, ct)) throw new ConflictException($"Team '{request.Name}' already exists.");
        var team = new Team { Name = request.Name, DisplayName = request.DisplayName.Trim(), CreatedAt = clock.GetUtcNow() };
        db.Teams.Add(team);
        audit.Record(principal.ToActor(), "team.create", $"team/{team.Name}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/teams/{team.Name}", new TeamDto(team.Name, team.DisplayName, []));
    }

    public static async Task<Ok<TeamDto>> AddMember(string name, string userName, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit,
        TimeProvider clock, CancellationToken ct)
    {
        var (team, user) = await FindAsync(db, name, userName, ct);
        if (team.Members.All(m => m.UserId != user.Id))
        {
            team.Members.Add(new TeamMembership { TeamId = team.Id, UserId = user.Id, User = user, JoinedAt = clock.GetUtcNow() });
            audit.Record(principal.ToActor(), "team.member.add", $"team/{team.Name}", new() { ["user"] = user.UserName });
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(ToDto(team));
    }

    public static async Task<Ok<TeamDto>> RemoveMember(string name, string userName, ClaimsPrincipal principal, PlatformDbContext db, AuditLog audit,
        CancellationToken ct)
    {
        var (team, user) = await FindAsync(db, name, userName, ct);
        if (team.Members.FirstOrDefault(m => m.UserId == user.Id) is { } membership)
        {
            team.Members.Remove(membership);
            audit.Record(principal.ToActor(), "team.member.remove", $"team/{team.Name}", new() { ["user"] = user.UserName });
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(ToDto(team));
    }

    private static async Task<(Team Team, Domain.Identity.User User)> FindAsync(PlatformDbContext db, string name, string userName, CancellationToken ct)
    {
        var team = await db.Teams.Include(t => t.Members).ThenInclude(m => m.User).FirstOrDefaultAsync(t => t.Name == name, ct)
            ?? throw new NotFoundException("Team", name);
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, ct) ?? throw new NotFoundException("User", userName);
        if (user.ExternalSubject is not null)
            throw new ConflictException($"{user.UserName} signs in through the organisation's provider, which decides their teams: change their groups there.");
        return (team, user);
    }

    private static TeamDto ToDto(Team team) =>
        new(team.Name, team.DisplayName, team.Members.Select(m => m.User!.UserName).Order(StringComparer.Ordinal).ToList());
}
