using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Application.Auditing;
using Platform.Application.Jobs;
using Platform.Application.Nodes;
using Platform.Data;
using Platform.Deployer.Infrastructure;
using Platform.Domain.Deployments;

namespace Platform.Deployer.Rollouts;

/// <summary>
/// Drives a rollout: places the target version as the fleet's stable version (an absolute write), waits
/// until every online node reports it ready, and puts the previous version back if a node cannot load it
/// or the rollout times out. Each pass reloads state and saves under optimistic concurrency, so a repeated
/// or resumed run simply continues from what the database says.
/// </summary>
public sealed class RunRolloutJob(
    PlatformDbContext db, NpgsqlDataSource dataSource, IBackgroundJobClient jobs, AuditLog audit,
    IOptions<RolloutOptions> options, IOptions<EdgeOptions> edge, TimeProvider clock) : IRunRolloutJob
{
    public async Task RunAsync(Guid rolloutId, CancellationToken cancellationToken)
    {
        if (await WatchAsync(rolloutId, cancellationToken))
        {
            // Handed over only after the lock is released, so the next run can take it.
            jobs.Create<IRunRolloutJob>(job => job.RunAsync(rolloutId, CancellationToken.None), new EnqueuedState(JobQueues.Rollouts));
        }
    }

    /// <summary>Drives the rollout until it finishes or the run budget ends; true when a fresh run should continue.</summary>
    private async Task<bool> WatchAsync(Guid rolloutId, CancellationToken cancellationToken)
    {
        await using var held = await JobLock.TryAcquireAsync(dataSource, $"rollout:{rolloutId}", cancellationToken);
        if (held is null) return false;
        var budgetEnd = clock.GetUtcNow() + options.Value.RunBudget;
        while (!cancellationToken.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            if (!await StepAsync(rolloutId, cancellationToken)) return false;
            if (clock.GetUtcNow() >= budgetEnd) return true;
            await Task.Delay(options.Value.PollInterval, clock, cancellationToken);
        }
        return false;
    }

    /// <summary>One pass; false once the rollout has reached a final phase.</summary>
    private async Task<bool> StepAsync(Guid rolloutId, CancellationToken ct)
    {
        var rollout = await db.Rollouts.Include(r => r.Events).FirstOrDefaultAsync(r => r.Id == rolloutId, ct);
        if (rollout is null || !rollout.IsActive) return false;
        var service = await db.Services.AsNoTracking().FirstAsync(s => s.Id == rollout.ServiceId, ct);
        var target = await db.ComponentVersions.AsNoTracking().FirstAsync(v => v.Id == rollout.TargetVersionId, ct);
        var now = clock.GetUtcNow();

        if (rollout.Phase == RolloutPhase.Pending)
        {
            rollout.Begin(now);
            await SetStableAsync(rollout.ServiceId, target.Id, now, ct);
            audit.Record("system:deployer", "rollout.progress", $"service/{service.Name}", new() { ["rollout"] = rollout.Id.ToString(), ["stable"] = target.Version });
        }

        var nodes = await db.Nodes.AsNoTracking().ToListAsync(ct);
        var online = nodes.Where(n => n.IsOnline(now, edge.Value.HeartbeatTimeout));
        var progress = FleetProgress.Measure(online, service.Name, target.Version, target.Digest);
        if (progress.Failure is { } failure)
        {
            await RollBackAsync(rollout, $"A node could not load {target.Version}: {failure}", now, ct);
        }
        else if (progress.Complete)
        {
            rollout.Succeed($"{progress.Ready} of {progress.Online} online nodes serve {target.Version}.", now);
        }
        else if (now - StartedAt(rollout) > options.Value.Timeout)
        {
            await RollBackAsync(rollout, $"Timed out: {progress.Ready} of {progress.Online} online nodes were ready after {options.Value.Timeout.TotalSeconds:0} s.", now, ct);
        }
        else
        {
            rollout.Report(progress.Online == 0
                ? "Waiting for an online edge node."
                : $"{progress.Ready} of {progress.Online} online nodes ready with {target.Version}.", now);
        }
        await db.SaveChangesAsync(ct);
        return rollout.IsActive;
    }

    /// <summary>When the Deployer began the rollout (time spent waiting in the queue does not count).</summary>
    private static DateTimeOffset StartedAt(Rollout rollout) =>
        rollout.Events.Where(e => e.Kind == "progressing").Select(e => (DateTimeOffset?)e.At).Min() ?? rollout.UpdatedAt;

    private async Task RollBackAsync(Rollout rollout, string reason, DateTimeOffset now, CancellationToken ct)
    {
        if (rollout.PreviousVersionId is { } previous) await SetStableAsync(rollout.ServiceId, previous, now, ct);
        else await db.ServiceDeployments.Where(d => d.ServiceId == rollout.ServiceId).ExecuteDeleteAsync(ct);
        rollout.Fail(reason + (rollout.PreviousVersionId is null ? " Nothing was running before; the service is undeployed." : " The previous version was put back."), now);
    }

    private async Task SetStableAsync(Guid serviceId, Guid versionId, DateTimeOffset now, CancellationToken ct)
    {
        var deployment = await db.ServiceDeployments.FirstOrDefaultAsync(d => d.ServiceId == serviceId, ct);
        if (deployment is null)
        {
            deployment = new ServiceDeployment { ServiceId = serviceId };
            db.ServiceDeployments.Add(deployment);
        }
        deployment.StableVersionId = versionId;
        deployment.CanaryVersionId = null;
        deployment.CanaryWeight = 0;
        deployment.UpdatedAt = now;
    }
}
