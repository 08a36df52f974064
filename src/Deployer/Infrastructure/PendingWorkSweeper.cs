using Microsoft.EntityFrameworkCore;
using Platform.Application.Jobs;
using Platform.Data;
using Platform.Domain.Builds;
using Platform.Domain.Deployments;

namespace Platform.Deployer.Infrastructure;

/// <summary>
/// Intent lives in the database, not in the queue. On start this hands every unfinished build and rollout
/// to the job queue again (a Deployer killed mid-job resumes it), and afterwards it picks up intent whose
/// enqueue was lost. Job locks and idempotent jobs make the duplicates harmless.
/// </summary>
public sealed class PendingWorkSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PendingWorkSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var olderThan = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(olderThan, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sweeping for pending work failed; trying again in {Interval}", Interval);
            }
            olderThan = Interval;
            await Task.Delay(Interval, clock, stoppingToken);
        }
    }

    private async Task SweepAsync(TimeSpan olderThan, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var scheduler = scope.ServiceProvider.GetRequiredService<JobScheduler>();
        var cutoff = clock.GetUtcNow() - olderThan;
        var startup = olderThan == TimeSpan.Zero;

        var builds = await db.Builds.AsNoTracking()
            .Where(b => (b.Status == BuildStatus.Queued && b.QueuedAt <= cutoff) || (startup && b.Status == BuildStatus.Running))
            .Select(b => b.Id).ToListAsync(ct);
        // A progressing rollout whose job was lost (retries exhausted, a worker died) is picked up again;
        // if its job is alive, the job lock makes the extra run return at once.
        var rollouts = await db.Rollouts.AsNoTracking()
            .Where(r => (r.Phase == RolloutPhase.Pending && r.CreatedAt <= cutoff) || (r.Phase == RolloutPhase.Progressing && (startup || r.UpdatedAt <= cutoff)))
            .Select(r => r.Id).ToListAsync(ct);
        builds.ForEach(scheduler.BuildQueued);
        rollouts.ForEach(scheduler.RolloutRequested);
        if (builds.Count + rollouts.Count > 0)
            logger.LogInformation("Handed {Builds} builds and {Rollouts} rollouts to the queue again", builds.Count, rollouts.Count);
    }
}
