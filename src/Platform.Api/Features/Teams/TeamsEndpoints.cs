using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Contracts.Identity;
using Platform.Data;

namespace Platform.Api.Features.Teams;

public static class TeamsEndpoints
{
    public static RouteGroupBuilder MapTeamsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/teams", ListTeams).RequireAuthorization(PlatformClaims.DeveloperPolicy).WithTags("Teams");
        var admin = api.MapGroup("/teams").WithTags("Teams").RequireAuthorization(PlatformClaims.AdminPolicy, PlatformClaims.WriterPolicy);
        admin.MapPost("/", TeamAdministration.Create).WithSummary("A new team (platform admins); with single sign-on, named like the provider's group.");
        admin.MapPut("/{name}/members/{userName}", TeamAdministration.AddMember).WithSummary("Adds a local account to a team (platform admins).");
        admin.MapDelete("/{name}/members/{userName}", TeamAdministration.RemoveMember).WithSummary("Removes a local account from a team (platform admins).");
        return api;
    }

    private static async Task<Ok<List<TeamDto>>> ListTeams(PlatformDbContext db, CancellationToken ct)
    {
        var teams = await db.Teams.AsNoTracking().Include(t => t.Members).ThenInclude(m => m.User).OrderBy(t => t.Name).ToListAsync(ct);
        return TypedResults.Ok(teams.Select(t => new TeamDto(t.Name, t.DisplayName, t.Members.Select(m => m.User!.UserName).Order(StringComparer.Ordinal).ToList())).ToList());
    }
}
