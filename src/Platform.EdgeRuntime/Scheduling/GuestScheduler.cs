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
/// deadline passes while it waits is answered 504 without running, and a run gets only what is
/// left. A service whose queue is full is answered 503 with Retry-After. Each service's worker,
/// CPU and queue time go to <see cref="EdgeMetrics"/>.
/// </summary>
public sealed class GuestScheduler : IDisposable
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
    private readonly TimerCallback _expire;
    private readonly long _idleSpin;
    private int _idle;
    private int _spinning;
    private bool _stopping;

    public GuestScheduler(RequestExecutor executor, EdgeMetrics metrics, SchedulerOptions options, TimeProvider? time = null, ILogger<GuestScheduler>? logger = null)
    {
        _executor = executor;
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<GuestScheduler>.Instance;
        _maxQueued = Math.Max(0, options.MaxQueuedPerService);
        _idleSpin = (long)(options.IdleSpinMicroseconds * (Stopwatch.Frequency / 1_000_000.0));
        _expire = state => Expire((ScheduledRun)state!);
        _queue = new FairQueue<ScheduledRun>(_maxQueued, TimeSpan.FromMilliseconds(options.LongRunMs), options.EffectiveLongRunWorkers);
        // Guests run on these threads' native stacks: room for Wasmtime's own stack limit and the host's frames.
        _workers = Enumerable.Range(1, options.EffectiveWorkers)
            .Select(i => new Thread(Work, maxStackSize: 8 << 20) { IsBackground = true, Name = $"guest-worker-{i}" })
            .ToArray();
        foreach (var worker in _workers)
        {
            worker.Start();
        }
    }

    public int Workers => _workers.Length;

    /// <summary>Queues the request for a worker and completes with its answer (a refusal or expiry included).</summary>
    public Task<EdgeResponse> RunAsync(LoadedVersion version, EdgeRequest request, string requestId)
    {
        var run = new ScheduledRun(version, request, requestId, _time.GetTimestamp(), TimeSpan.FromMilliseconds(version.Limits.DeadlineMs));
        // Armed before the run is visible to workers, so a worker that takes it always finds the timer to stop.
        run.Expiry = _time.CreateTimer(_expire, run, run.Budget, Timeout.InfiniteTimeSpan);
        bool wake;
        lock (_lock)
        {
            run.Node = _queue.TryEnqueue(version.Service, run);
            wake = run.Node is not null && _idle > 0;
            if (wake)
            {
                _idle--;
            }
        }
        if (run.Node is null)
        {
            run.Expiry.Dispose();
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
            bool taken;
            lock (_lock)
            {
                if (finished is { } done)
                {
                    _queue.Complete(done, cost, wouldHaveTaken);
                }
                if (_stopping)
                {
                    return;
                }
                taken = _queue.TryTake(out ticket);
                if (taken)
                {
                    ticket.Item.Node = null;
                }
                else
                {
                    _idle++;
                }
            }
            if (!taken)
            {
                finished = null;
                WaitForWork();
                continue;
            }
            (cost, wouldHaveTaken) = Run(ticket.Item);
            finished = ticket;
        }
    }

    /// <summary>
    /// Blocks until a run is queued. One idle worker at a time first spins for a few microseconds:
    /// waking a sleeping thread costs more than a request's guest time, and with one connection the
    /// next request comes that soon. The others sleep at once (on two cores, two spinners would take
    /// the CPU the request threads need).
    /// </summary>
    private void WaitForWork()
    {
        if (_idleSpin > 0 && Interlocked.CompareExchange(ref _spinning, 1, 0) == 0)
        {
            try
            {
                var until = Stopwatch.GetTimestamp() + _idleSpin;
                while (Stopwatch.GetTimestamp() < until)
                {
                    if (_wake.Wait(0))
                    {
                        return;
                    }
                    Thread.SpinWait(30);
                }
            }
            finally
            {
                Volatile.Write(ref _spinning, 0);
            }
        }
        _wake.Wait();
    }

    /// <summary>
    /// Runs one request on this worker with what is left of its deadline; returns the worker time it
    /// took and, for a run stopped at its deadline, the whole deadline (what it would have taken).
    /// </summary>
    private (TimeSpan Cost, TimeSpan WouldHaveTaken) Run(ScheduledRun run)
    {
        run.Expiry?.Dispose();
        var started = _time.GetTimestamp();
        var queued = _time.GetElapsedTime(run.Enqueued, started);
        var remaining = run.Budget - queued;
        if (remaining <= TimeSpan.Zero)
        {
            AnswerExpired(run, queued);
            return (TimeSpan.Zero, TimeSpan.Zero);
        }
        var cpu = ThreadCpuClock.Now();
        EdgeResponse response;
        try
        {
            response = _executor.Execute(run.Version, run.Request, run.RequestId, remaining, queued);
        }
        catch (Exception ex)
        {
            // A fault of the host (not the guest) must not take a worker down with it.
            _logger.LogError(ex, "{Service} {Version} request {RequestId} failed in the host", run.Version.Service, run.Version.Version, run.RequestId);
            response = ErrorResponses.Create(500, ExecutionOutcome.Failed, run.RequestId, ex.Message);
        }
        var worker = _time.GetElapsedTime(started);
        _metrics.ForService(run.Version.Service).RecordRun(queued, worker, ThreadCpuClock.Now() - cpu);
        run.Complete(response);
        return (worker, response.Outcome == ExecutionOutcome.DeadlineExceeded ? run.Budget : worker);
    }

    /// <summary>The deadline passed while the request was still queued: answered without running.</summary>
    private void Expire(ScheduledRun run)
    {
        lock (_lock)
        {
            if (run.Node is null)
            {
                return;
            }
            _queue.Remove(run.Version.Service, run.Node);
            run.Node = null;
        }
        run.Expiry?.Dispose();
        AnswerExpired(run, _time.GetElapsedTime(run.Enqueued));
    }

    private void AnswerExpired(ScheduledRun run, TimeSpan queued)
    {
        var response = ErrorResponses.Create(504, ExecutionOutcome.DeadlineExceeded, run.RequestId,
            $"the deadline of {run.Budget.TotalMilliseconds:F0} ms passed while the request waited for a worker");
        _metrics.Record(run.Version.Service, run.Version.Version, response.Status, response.Outcome, queued);
        _metrics.ForService(run.Version.Service).RecordExpiredQueued(queued);
        _logger.LogDebug("{Service} {Version} request {RequestId} expired after {Ms:F1} ms queued", run.Version.Service, run.Version.Version, run.RequestId, queued.TotalMilliseconds);
        run.Complete(response);
    }

    private void Refuse(ScheduledRun run)
    {
        var response = ErrorResponses.Create(503, ExecutionOutcome.Overloaded, run.RequestId,
            $"{_maxQueued} requests of the service are already waiting for a worker");
        _metrics.Record(run.Version.Service, run.Version.Version, response.Status, response.Outcome, TimeSpan.Zero);
        _metrics.ForService(run.Version.Service).RecordQueueFull();
        _logger.LogDebug("{Service} {Version} request {RequestId} refused: queue full", run.Version.Service, run.Version.Version, run.RequestId);
        run.Complete(response);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stopping = true;
        }
        _wake.Release(_workers.Length);
        foreach (var worker in _workers)
        {
            worker.Join();
        }
        _wake.Dispose();
    }
}
