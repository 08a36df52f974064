using Microsoft.EntityFrameworkCore;
using Platform.Application.Locking;
using Platform.Data;

namespace Platform.Application.Sources;

/// <summary>
/// The advisory lock per service name under which creating a repository, recording main as a source revision
/// and committing on main are done by one API instance at a time.
/// </summary>
public static class RepositoryLock
{
    public static Task<AdvisoryLock> AcquireAsync(PlatformDbContext db, string service, CancellationToken ct) =>
        AdvisoryLock.AcquireAsync(db.Database.GetConnectionString()!, $"repository:{service}", ct);
}
