using Microsoft.Extensions.Logging;
using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeRuntime.Scheduling;

/// <summary>The deadline watch of <see cref="GuestScheduler"/>: answers 504 on time for runs waiting or running past their deadline.</summary>
public sealed partial class GuestScheduler
{
    /// <summary>
    /// Answers the runs whose deadline has passed, waking at the earliest deadline of those still
    /// open (at least every millisecond, so a new arrival is never missed for longer): a waiting run
    /// answers 504 without running, once less than <see cref="MinimumRunBudget"/> is left; a running one answers 504 at once, as its guest would at its next
    /// epoch check, which comes only when its worker next gets a CPU (on busy cores, milliseconds
    /// later). The scan holds the lock for as long as it takes to look at the runs waiting and running
    /// now, which the queue bounds and the worker count keep short; answers are given outside the lock.
    /// </summary>
    private void WatchDeadlines()
    {
        Hosting.TimingThreads.Raise();
        var expired = new List<ScheduledRun>();
        var late = new List<ScheduledRun>();
        while (!Volatile.Read(ref _stopping))
        {
            var untilNext = ExpireDue(expired, late);
            Hosting.TimingThreads.Sleep(untilNext < MaxDeadlineWatchSleep ? untilNext : MaxDeadlineWatchSleep);
        }
    }

    private long _deadlineScans;

    /// <summary>Scans the deadline watch has begun: a scan begun after a clock change has seen it.</summary>
    internal long DeadlineScans => Interlocked.Read(ref _deadlineScans);

    private static readonly TimeSpan MaxDeadlineWatchSleep = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// A waiting run with less than one epoch tick of its deadline left is answered 504 at once instead
    /// of being started: its guest could not be stopped before the next tick, which comes after the
    /// deadline, so it could only end late. Answering it then also spares it the watch's wake-up latency
    /// at the deadline itself (measured: most of the late answers were of runs that never started).
    /// </summary>
    internal static readonly TimeSpan MinimumRunBudget = Hosting.EpochTicker.Tick;

    /// <summary>Answers the runs whose deadline has passed; returns how long until the next one's deadline.</summary>
    private TimeSpan ExpireDue(List<ScheduledRun> expired, List<ScheduledRun> late)
    {
        var untilNext = TimeSpan.MaxValue;
        long now;
        Interlocked.Increment(ref _deadlineScans);
        lock (_lock)
        {
            if (_queue.Count == 0 && _running.Count == 0)
            {
                return untilNext;
            }
            now = _time.GetTimestamp();
            _queue.RemoveWhere(run =>
            {
                var left = run.Budget - _time.GetElapsedTime(run.Enqueued, now) - MinimumRunBudget;
                if (left <= TimeSpan.Zero)
                {
                    return true;
                }
                untilNext = left < untilNext ? left : untilNext;
                return false;
            }, expired);
            foreach (var run in _running)
            {
                if (run.IsAnswered)
                {
                    continue;
                }
                var left = run.Budget - _time.GetElapsedTime(run.Enqueued, now);
                if (left <= TimeSpan.Zero)
                {
                    late.Add(run);
                }
                else
                {
                    untilNext = left < untilNext ? left : untilNext;
                }
            }
        }
        foreach (var run in expired)
        {
            AnswerExpired(run, _time.GetElapsedTime(run.Enqueued));
        }
        foreach (var run in late)
        {
            // Counted in the metrics by the worker when the guest ends (as a deadline hit, with this answer's latency).
            run.TryAnswer(ErrorResponses.Create(504, ExecutionOutcome.DeadlineExceeded, run.RequestId, GuestFailures.DeadlineExceeded),
                _time.GetElapsedTime(run.Enqueued, now));
        }
        expired.Clear();
        late.Clear();
        return untilNext;
    }

    private void AnswerExpired(ScheduledRun run, TimeSpan queued)
    {
        var response = ErrorResponses.Create(504, ExecutionOutcome.DeadlineExceeded, run.RequestId,
            $"the deadline of {run.Version.Limits.DeadlineMs} ms ran out while the request waited for a worker (less than one epoch tick was left)");
        _metrics.Record(run.Version, response.Status, response.Outcome, queued);
        _metrics.ForService(run.Version.Service).RecordExpiredQueued(queued);
        _logger.LogDebug("{Service} {Version} request {RequestId} expired after {Ms:F1} ms queued", run.Version.Service, run.Version.Version, run.RequestId, queued.TotalMilliseconds);
        run.TryAnswer(response);
    }
}
