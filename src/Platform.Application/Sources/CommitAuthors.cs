using Microsoft.EntityFrameworkCore;
using Platform.Application.Identity;
using Platform.Data;

namespace Platform.Application.Sources;

public static class CommitAuthors
{
    /// <summary>The person behind <paramref name="actor"/> as a commit author (display name and e-mail when known).</summary>
    public static async Task<CommitAuthor> ForAsync(PlatformDbContext db, Actor actor, CancellationToken ct)
    {
        var user = actor.UserId is { } id
            ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(ct)
            : null;
        return new CommitAuthor(user?.DisplayName ?? actor.Name, user?.Email ?? $"{actor.Name}@platform.local");
    }
}
