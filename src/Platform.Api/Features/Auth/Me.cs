using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Api.Infrastructure;
using Platform.Contracts.Identity;
using Platform.Data;

namespace Platform.Api.Features.Auth;

public static class Me
{
    public static async Task<Ok<UserDto>> Handle(ClaimsPrincipal principal, PlatformDbContext db, CancellationToken ct)
    {
        var userId = principal.ToActor().UserId;
        var user = await db.Users.AsNoTracking().Include(u => u.Memberships).ThenInclude(m => m.Team).FirstAsync(u => u.Id == userId, ct);
        return TypedResults.Ok(user.ToDto());
    }
}
