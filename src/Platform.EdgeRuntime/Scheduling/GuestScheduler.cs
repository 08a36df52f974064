using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Metrics;

namespace Platform.EdgeRuntime.Scheduling;

/// <summary>
/// Runs guests on a bounded set of dedicated worker threads, never on the request thread pool:
/// a request is queued for its service and awaited; workers take runs by fairness on worker time
/// (<see cref="FairQueue{T}"/>). The deadline starts when the request is queued: a request whose
/// deadline passes while it waits is answered 504 without running (by the deadline watch, a raised
/// thread that wakes at the earliest waiting deadline: no timer per request, and no wait for a busy
/// thread pool), and a run gets only what is left. A service whose queue is full
/// is answered 503 with Retry-After. Each service's worker, CPU and queue time go to
/// <see cref="EdgeMetrics"/>.
/// </summary>
public sealed partial class GuestScheduler : IDisposable
{
    private readonly RequestExecutor _executor;
    private readonly EdgeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FairQueue<ScheduledRun> _queue;
    private readonly int _maxQueued;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread[] _workers;
    private readonly Thread _deadlineWatch;
    private readonly List<ScheduledRun> _running = [];
    private readonly long _idleSpin;
    private int _sleepers;
    private bool _spinner;
    private long _arrivals;
    private bool _stopping;

    public GuestScheduler(RequestExecutor executor, EdgeMetrics metrics, SchedulerOptions options, TimeProvider? time = null, ILogger<GuestScheduler>? logger = null)
    {
        _executor = executor;
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<GuestScheduler>.Instance;
        _maxQueued = Math.Max(0, options.MaxQueuedPerService);
        _idleSpin = (long)(options.IdleSpinMicroseconds * (Stopwatch.Frequency / 1_000_000.0));
        _queue = new FairQueue<ScheduledRun>(_maxQueued, TimeSpan.FromMilliseconds(options.LongRunMs), options.EffectiveLongRunWorkers);
        // Guests run on these threads' native stacks: room for Wasmtime's own stack limit and the host's frames.
        _workers = Enumerable.Range(1, options.EffectiveWorkers)
            .Select(i => new Thread(Work, maxStackSize: 8 << 20) { IsBackground = true, Name = $"guest-worker-{i}" })
            .ToArray();
        foreach (var worker in _workers)
        {
            worker.Start();
        }
        _deadlineWatch = new Thread(WatchDeadlines) { IsBackground = true, Name = "guest-deadlines" };
        _deadlineWatch.Start();
    }

    public int Workers => _workers.Length;

    /// <summary>Runs of the service on workers now.</summary>
    internal int Running(string service)
    {
        lock (_lock)
        {
            return _queue.Running(service);
        }
    }

    /// <summary>
    /// Queues the request (or event: <see cref="Events.EdgeEvent"/>, whose answer is 200 when handled) for a worker and completes
    /// with its answer (a refusal or expiry included). Events and requests of a service share its queue and its fair share.
    /// <paramref name="waited"/>: how long the request was on the node before it came here (read, routed); it counts
    /// toward the deadline as queue time does, so the deadline runs from the request's arrival.
    /// </summary>
    public Task<EdgeResponse> RunAsync(LoadedVersion version, GuestInput input, string requestId, TimeSpan waited = default)
    {
        var deadline = TimeSpan.FromMilliseconds(version.Limits.DeadlineMs);
        var run = new ScheduledRun(version, input, requestId, _time.GetTimestamp(), waited > TimeSpan.Zero ? deadline - waited : deadline);
        bool queued, wake = false;
        lock (_lock)
        {
            queued = _queue.TryEnqueue(version.Service, run);
            if (queued)
            {
                _arrivals++;
                // A spinning worker sees the arrival by itself; a sleeper is woken only for what it cannot take.
                if (_sleepers > 0 && (!_spinner || _queue.Count > 1))
                {
                    _sleepers--;
                    wake = true;
                }
            }
        }
        if (!queued)
        {
            Refuse(run);
        }
        else if (wake)
        {
            _wake.Release();
        }
        return run.Answer;
    }

    private void Work()
    {
        RunTicket<ScheduledRun>? finished = null;
        var cost = TimeSpan.Zero;
        var wouldHaveTaken = TimeSpan.Zero;
        while (true)
        {
            RunTicket<ScheduledRun> ticket;
            bool taken, spin = false;
            long seen = 0;
            lock (_lock)
            {
                if (finished is { } done)
                {
                    _queue.Complete(done, cost, wouldHaveTaken);
                    _running.Remove(done.Item);
                }
                if (_stopping)
                {
                    return;
                }
                taken = _queue.TryTake(out ticket);
                if (taken)
                {
                    _running.Add(ticket.Item);
                }
                else
                {
                    spin = _idleSpin > 0 && !_spinner;
                    if (spin)
                    {
                        _spinner = true;
                        seen = _arrivals;
                    }
                    else
                    {
                        _sleepers++;
                    }
                }
            }
            if (!taken)
            {
                finished = null;
                if (!spin || !SpinForArrival(seen))
                {
                    _wake.Wait();
                }
                continue;
            }
            (cost, wouldHaveTaken) = Run(ticket.Item, ticket.LongRun);
            finished = ticket;
        }
    }

    /// <summary>
    /// One idle worker at a time waits for the next arrival without sleeping, for a few hundred
    /// microseconds, before it sleeps on the semaphore: waking a sleeping thread (a futex and, on a
    /// virtual machine, an interrupt to a halted core) costs more than a request's guest time, and with
    /// one connection the next request comes within a round trip (about 100 µs). It waits by yielding
    /// the core (<c>sched_yield</c>) rather than by busy spinning: the core stays awake, and whatever
    /// else is runnable there (the request threads, the client on a small machine) runs first. Measured
    /// on two cores, one connection: busy spinning for 50 µs gave 0.40 of plain Kestrel against 0.52 for
    /// guests run inline; yielding for 250 µs 0.48 against 0.50. The other idle workers sleep at once.
    /// True when a run arrived (take it); false when the worker was counted as a sleeper and must wait
    /// for the semaphore.
    /// </summary>
    private bool SpinForArrival(long seen)
    {
        var until = Stopwatch.GetTimestamp() + _idleSpin;
        while (Volatile.Read(ref _arrivals) == seen && !Volatile.Read(ref _stopping) && Stopwatch.GetTimestamp() < until)
        {
            Thread.Yield();
        }
        lock (_lock)
        {
            _spinner = false;
            if (_arrivals != seen || _stopping)
            {
                return true;
            }
            _sleepers++;
            return false;
        }
    }

    /// <summary>
    /// Runs one request on this worker with what is left of its deadline; returns the worker time it
    /// took and, for a run stopped at its deadline, the whole deadline (what it would have taken).
    /// A long runner's guest runs with the worker's priority lowered (<see cref="LongRunPriority"/>).
    /// </summary>
    private (TimeSpan Cost, TimeSpan WouldHaveTaken) Run(ScheduledRun run, bool longRun)
    {
        var started = _time.GetTimestamp();
        var queued = _time.GetElapsedTime(run.Enqueued, started);
        var remaining = run.Budget - queued;
        if (remaining < MinimumRunBudget)
        {
            AnswerExpired(run, queued);
            return (TimeSpan.Zero, TimeSpan.Zero);
        }
        var cpu = ThreadCpuClock.Now();
        var trace = GuestTrace.Enter(run);
        EdgeResponse response;
        var lowered = longRun && LongRunPriority.Lower();
        try
        {
            response = _executor.Execute(run.Version, GuestTrace.WithContext(run.Input), run.RequestId, remaining, queued, run.AnsweredEarlyAfterOrNull);
        }
        catch (Exception ex)
        {
            // A fault of the host (not the guest) must not take a worker down with it.
            _logger.LogError(ex, "{Service} {Version} request {RequestId} failed in the host", run.Version.Service, run.Version.Version, run.RequestId);
            response = ErrorResponses.Create(500, ExecutionOutcome.Failed, run.RequestId, ex.Message);
        }
        finally
        {
            if (lowered)
            {
                LongRunPriority.Restore();
            }
        }
        trace.Outcome(response);
        // Ended before the answer is given: the answer's continuation runs on this worker in the request's own context.
        trace.Dispose();
        var worker = _time.GetElapsedTime(started);
        _metrics.ForService(run.Version.Service).RecordRun(queued, worker, ThreadCpuClock.Now() - cpu);
        run.TryAnswer(response);
        return (worker, response.Outcome == ExecutionOutcome.DeadlineExceeded ? run.Budget : worker);
    }

    private void Refuse(ScheduledRun run)
    {
        var response = ErrorResponses.Create(503, ExecutionOutcome.Overloaded, run.RequestId,
            $"{_maxQueued} requests of the service are already waiting for a worker");
        _metrics.Record(run.Version, response.Status, response.Outcome, TimeSpan.Zero);
        _metrics.ForService(run.Version.Service).RecordQueueFull();
        _logger.LogDebug("{Service} {Version} request {RequestId} refused: queue full", run.Version.Service, run.Version.Version, run.RequestId);
        run.TryAnswer(response);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stopping = true;
        }
        _wake.Release(_workers.Length);
        // Answers complete on the workers, so the last await of whoever disposes may have resumed on one. A worker
        // still held after the wait (its run's deadline, or a request's host code waiting for this very disposal on
        // another thread) is left to end on its own: a background thread, and the semaphore stays for it.
        var stopped = true;
        foreach (var thread in _workers.Append(_deadlineWatch).Where(t => t != Thread.CurrentThread))
        {
            if (!thread.Join(StopWait))
            {
                stopped = false;
                _logger.LogWarning("Guest thread {Thread} did not stop within {Seconds} s of the scheduler's disposal", thread.Name, StopWait.TotalSeconds);
            }
        }
        if (stopped)
        {
            _wake.Dispose();
        }
    }

    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(10);
}
