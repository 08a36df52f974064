using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Application.Identity;
using Platform.Data;

namespace Platform.Application.Sources;

/// <summary>One pass over every service repository: main ahead of the recorded revisions is recorded (and built).</summary>
public sealed class SourceReconciliation(PlatformDbContext db, GitRepositories repositories, SourceSync sync, ILogger<SourceReconciliation> logger)
{
    public static Actor Actor { get; } = Actor.System("git-reconciler");

    /// <summary>Returns how many services had commits that were not recorded yet.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var services = await db.Services.Where(s => s.TemplateVersionId != null).OrderBy(s => s.Name).ToListAsync(ct);
        var recorded = 0;
        foreach (var service in services.Where(s => repositories.Exists(s.Name)))
        {
            try
            {
                if (await sync.SyncAsync(service, Actor, pushedFrom: null, ct) is not null) recorded++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Reconciling the repository of {Service} failed", service.Name);
            }
        }
        return recorded;
    }
}
