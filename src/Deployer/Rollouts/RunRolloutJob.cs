using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Application.Locking;
using Platform.Application.Auditing;
using Platform.Application.Jobs;
using Platform.Application.Nodes;
using Platform.Data;
using Platform.Domain.Deployments.Analysis;
using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Status;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Deployer.Rollouts;

/// <summary>
/// Drives a rollout with its strategy: each pass reloads the rollout and the fleet, asks the pure
/// <see cref="RolloutStepper"/> what to do with what it saw (the approval of new capabilities, placement, readiness,
/// the analysis window from the nodes' heartbeats), writes the weights each transition implies (absolute; none while a
/// target awaits approval), and saves under optimistic concurrency. A repeated, resumed or concurrent run therefore
/// continues from what the database says; runs are also serialised per rollout by an advisory lock.
/// </summary>
public sealed class RunRolloutJob(
    PlatformDbContext db, NpgsqlDataSource dataSource, IBackgroundJobClient jobs, AuditLog audit,
    IOptions<RolloutOptions> options, IOptions<EdgeOptions> edge, TimeProvider clock, RolloutMetrics metrics, RolloutWakeups wakeups,
    ILogger<RunRolloutJob> logger) : IRunRolloutJob
{
    private static readonly TimeSpan AnalysisRefresh = TimeSpan.FromSeconds(2);

    public async Task RunAsync(Guid rolloutId, CancellationToken cancellationToken)
    {
        if (await WatchAsync(rolloutId, cancellationToken))
        {
            // Handed over only after the lock is released, so the next run can take it.
            jobs.Create<IRunRolloutJob>(job => job.RunAsync(rolloutId, CancellationToken.None), new EnqueuedState(JobQueues.Rollouts));
        }
    }

    /// <summary>
    /// Drives the rollout until it finishes, waits for a person, or the run budget ends; true when a fresh run should
    /// continue. Between passes it sleeps until the step's wake-up (a pause's end, an analysis window's end, the readiness
    /// timeout, or a node falling silent), and looks at once when a person asks something of the rollout or, while
    /// heartbeats can change the decision (readiness, an analysis window), when a node serving the service reports.
    /// </summary>
    private async Task<bool> WatchAsync(Guid rolloutId, CancellationToken cancellationToken)
    {
        await using var held = await AcquireAsync(rolloutId, cancellationToken);
        if (held is null) return false;
        try
        {
            var budgetEnd = clock.GetUtcNow() + options.Value.RunBudget;
            while (!cancellationToken.IsCancellationRequested)
            {
                db.ChangeTracker.Clear();
                var nudged = wakeups.Next(rolloutId);
                DateTimeOffset? wakeAt;
                try
                {
                    (wakeAt, var watchesFleet) = await PassAsync(rolloutId, cancellationToken);
                    if (wakeAt is null) return false;
                    wakeups.Watching(rolloutId, watchesFleet);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Someone (a person's promote/pause/abort) saved the rollout meanwhile: the next pass sees it.
                    logger.LogInformation("Rollout {RolloutId} changed during a pass; reading it again", rolloutId);
                    wakeAt = clock.GetUtcNow();
                }
                var now = clock.GetUtcNow();
                if (now >= budgetEnd) return true;
                var until = wakeAt.Value < budgetEnd ? wakeAt.Value : budgetEnd;
                await SleepAsync(until - now > options.Value.PollInterval ? until - now : options.Value.PollInterval, nudged, cancellationToken);
            }
            return false;
        }
        finally
        {
            wakeups.Forget(rolloutId);
        }
    }

    /// <summary>Sleeps <paramref name="duration"/> on the clock, or less when <paramref name="nudged"/> completes first.</summary>
    private async Task SleepAsync(TimeSpan duration, Task nudged, CancellationToken ct)
    {
        using var sleep = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var slept = Task.Delay(duration, clock, sleep.Token);
        await Task.WhenAny(slept, nudged);
        await sleep.CancelAsync();
        await slept.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// The rollout's lock. A run that is just ending may still hold it when a person's operation enqueues a new
    /// run, so the new run tries a few times before it leaves the rollout to the run that holds it.
    /// </summary>
    private async Task<AdvisoryLock?> AcquireAsync(Guid rolloutId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var held = await AdvisoryLock.TryAcquireAsync(dataSource, $"rollout:{rolloutId}", ct);
            if (held is not null || attempt == 3) return held;
            // The run that holds it may be asleep until its next wake-up: ask it to look now (this run exists because
            // something was asked of the rollout, or the sweeper found it quiet).
            if (attempt == 0) await wakeups.NudgeAsync(rolloutId, ct);
            await Task.Delay(options.Value.PollInterval * 2, clock, ct);
        }
    }

    /// <summary>
    /// One pass; returns when to look again, or null once the rollout has finished or waits for a person (the API
    /// enqueues a run with every operation, and the sweeper looks at quiet rollouts, so nothing holds a worker while
    /// nobody acts). Besides the step's own wake-up, the run looks when the first online node would count as silent.
    /// </summary>
    private async Task<(DateTimeOffset? WakeAt, bool WatchesFleet)> PassAsync(Guid rolloutId, CancellationToken ct)
    {
        using var pass = RolloutTrace.StartPass(rolloutId);
        var rollout = await db.Rollouts.Include(r => r.Events).FirstOrDefaultAsync(r => r.Id == rolloutId, ct);
        if (rollout is null || !rollout.IsActive) return (null, false);
        var service = await db.Services.AsNoTracking().Where(s => s.Id == rollout.ServiceId).Select(s => s.Name).FirstAsync(ct);
        var target = await db.ComponentVersions.AsNoTracking().FirstAsync(v => v.Id == rollout.TargetVersionId, ct);
        var previous = rollout.PreviousVersionId is { } p ? await db.ComponentVersions.AsNoTracking().FirstAsync(v => v.Id == p, ct) : null;
        RolloutTrace.Identify(pass, service, target.Version);
        var strategy = rollout.ParsedStrategy();
        var weights = new DeploymentWriter(db, rollout, strategy, target.Id, previous?.Id);
        var now = clock.GetUtcNow();
        var fleet = await RolloutFleet.LoadAsync(db, rollout.ServiceId, strategy, now, edge.Value.HeartbeatTimeout, ct);
        var seen = new RolloutObservations(target.Version, fleet.All.Select(n => n.Name).ToHashSet(StringComparer.Ordinal),
            fleet.Online.Select(n => n.Name).ToHashSet(StringComparer.Ordinal), fleet.HasNodesInRing, fleet.ReadinessOf(service, target.Version, target.Digest), options.Value.Timeout,
            window => CanaryAnalysis.Gather(rollout, window, fleet, service, previous?.Version ?? "", target.Version, now, AnalysisOf(strategy, rollout.Status)),
            rollout.Approval, rollout.Requests);
        var step = RolloutStepper.Step(strategy, rollout.Status, seen, now);
        // Saved with the first transition, or at the end: a pass that fails to save notes the same again.
        foreach (var note in step.Notes) rollout.Record(note.Kind, note.Message, now);
        foreach (var (decision, after, look) in step.Transitions)
        {
            if (look is not null) Show(rollout, look, now);
            if (decision.Places) await weights.WriteAsync(after, now, ct);
            rollout.Record(decision, after, now);
            RolloutTrace.Decided(pass, decision, after, rollout);
            if (decision is BeginRollout)
                audit.Record("system:deployer", "rollout.begin", $"service/{service}", new() { ["rollout"] = rollout.Id.ToString(), ["version"] = target.Version });
            if (!rollout.IsActive)
                audit.Record("system:deployer", $"rollout.{rollout.Phase.ToString().ToLowerInvariant()}", $"service/{service}",
                    new() { ["rollout"] = rollout.Id.ToString(), ["version"] = target.Version, ["reason"] = rollout.Message });
            await db.SaveChangesAsync(ct);
            if (!rollout.IsActive) metrics.Ended(rollout);
        }
        // The window so far is shown while it gathers (refreshed every few seconds, not every pass); a verdict that ends it is always kept.
        if (step.Look is { } last && (step.Stop is not Wait || rollout.SavedStatus.LastAnalysis is not { } shown || now - shown.At >= AnalysisRefresh))
            Show(rollout, last, now);
        if (step.Report is { } report) rollout.Report(report, now);
        rollout.Keep(step.Status);
        await db.SaveChangesAsync(ct);
        if (!rollout.IsActive || rollout.Status.Hold is not null || step.WakeAt is not { } wakeAt) return (null, false);
        // A heartbeat that may change the decision nudges the run (RolloutNudges); looking on its own as well covers a missed nudge.
        if (step.WatchesFleet && now + options.Value.FleetLookInterval < wakeAt) wakeAt = now + options.Value.FleetLookInterval;
        // A look just after an analysis's latency warm-up ends: the intervals from that look on are judged whole.
        if (WarmupEnds(strategy, rollout.SavedStatus) is { } warm && warm > now && warm < wakeAt) wakeAt = warm;
        return (fleet.SilentAfter(edge.Value.HeartbeatTimeout) is { } silent && silent < wakeAt ? silent : wakeAt, step.WatchesFleet);
    }

    /// <summary>When the latency warm-up of the analysis under way ends (a moment after, so the look falls beyond it); null when none is.</summary>
    private static DateTimeOffset? WarmupEnds(RolloutStrategy strategy, RolloutStatus status) =>
        status.Baseline is { } window && window.BelongsTo(status) && AnalysisOf(strategy, status) is { } spec && spec.EffectiveWarmup > TimeSpan.Zero
            ? window.TakenAt + spec.EffectiveWarmup + TimeSpan.FromMilliseconds(20)
            : null;

    /// <summary>The analysis of the step the rollout is on (null when it is on none).</summary>
    private static AnalysisSpec? AnalysisOf(RolloutStrategy strategy, RolloutStatus status) => (status.CurrentStep(strategy) as AnalysisStep)?.Spec;

    private static void Show(Rollout rollout, AnalysisLook look, DateTimeOffset now) =>
        rollout.Show(CanaryAnalysis.Summarise(look.Request, look.Input, look.Verdict, now));
}
