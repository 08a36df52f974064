namespace Platform.EdgeRuntime.Scheduling;

/// <summary>
/// The scheduling policy, without threads or clocks (the caller holds a lock and measures): one
/// bounded queue per service, served by start-time fair queueing on worker time. Each service
/// has a virtual time, the worker time its runs have been charged; the waiting service with the
/// least goes next, so a service whose runs take 200 ms gets as much worker time as one whose
/// runs take 50 µs, not as many runs. A service that becomes busy again starts at the current
/// virtual time (no credit banked while idle). Runs cannot be pre-empted, so long runners (average
/// cost above <see cref="SchedulerOptions.LongRunMs"/>) together hold at most
/// <see cref="SchedulerOptions.LongRunWorkers"/> workers, and a service with no finished run yet
/// runs one at a time: a short request never waits behind a looping neighbour on every worker.
/// </summary>
internal sealed class FairQueue<T>(int maxQueuedPerService, TimeSpan longRun, int longRunWorkers)
{
    private readonly Dictionary<string, ServiceLane<T>> _lanes = new(StringComparer.Ordinal);
    private readonly List<ServiceLane<T>> _waiting = [];
    private TimeSpan _virtualNow;
    private int _longRunning;

    /// <summary>Runs of long runners on workers now.</summary>
    public int LongRunning => _longRunning;

    /// <summary>Items waiting now, over every service.</summary>
    public int Count { get; private set; }

    /// <summary>Queues the item at the back of its service's queue; false when that queue is full.</summary>
    public bool TryEnqueue(string service, T item)
    {
        if (!_lanes.TryGetValue(service, out var lane))
        {
            lane = new ServiceLane<T>(service);
            _lanes.Add(service, lane);
        }
        if (lane.Waiting.Count >= maxQueuedPerService)
        {
            return false;
        }
        if (lane.Idle && lane.VirtualTime < _virtualNow)
        {
            lane.VirtualTime = _virtualNow;
        }
        if (lane.Waiting.Count == 0)
        {
            _waiting.Add(lane);
        }
        Count++;
        lane.Waiting.AddLast(item);
        return true;
    }

    /// <summary>Takes out every waiting item that matches (their deadline passed), adding them to <paramref name="removed"/>.</summary>
    public void RemoveWhere(Func<T, bool> match, List<T> removed)
    {
        for (var i = _waiting.Count - 1; i >= 0; i--)
        {
            var lane = _waiting[i];
            for (var node = lane.Waiting.First; node is not null;)
            {
                var next = node.Next;
                if (match(node.Value))
                {
                    lane.Waiting.Remove(node);
                    Count--;
                    removed.Add(node.Value);
                }
                node = next;
            }
            if (lane.Waiting.Count == 0)
            {
                _waiting.RemoveAt(i);
            }
        }
    }

    /// <summary>The next run by fairness among services allowed another worker now; false when none is.</summary>
    public bool TryTake(out RunTicket<T> ticket)
    {
        ServiceLane<T>? next = null;
        foreach (var lane in _waiting)
        {
            if (CanStart(lane) && (next is null || lane.VirtualTime < next.VirtualTime))
            {
                next = lane;
            }
        }
        if (next is null)
        {
            ticket = default;
            return false;
        }
        var item = next.Waiting.First!.Value;
        next.Waiting.RemoveFirst();
        Count--;
        if (next.Waiting.Count == 0)
        {
            _waiting.Remove(next);
        }
        var longRun = IsLongRunner(next);
        if (longRun)
        {
            _longRunning++;
        }
        next.Running++;
        _virtualNow = next.VirtualTime;
        // Charged now with what runs of the service usually cost, corrected when this one ends, so
        // two workers freeing at once do not both pick the same service on stale accounts.
        var estimate = next.Finished > 0 ? next.AverageCost : TimeSpan.Zero;
        next.VirtualTime += estimate;
        ticket = new RunTicket<T>(item, next, longRun, estimate);
        return true;
    }

    /// <summary>Hands a run back with the worker time it took.</summary>
    /// <param name="wouldHaveTaken">
    /// What the run says about the service's runs, when more than it cost: a run stopped at a deadline
    /// it started with little of (it waited long) says the service runs to its whole deadline.
    /// </param>
    public void Complete(RunTicket<T> ticket, TimeSpan cost, TimeSpan wouldHaveTaken = default)
    {
        var lane = ticket.Lane;
        lane.Running--;
        if (ticket.LongRun)
        {
            _longRunning--;
        }
        lane.VirtualTime += cost - ticket.Estimate;
        var sample = wouldHaveTaken > cost ? wouldHaveTaken : cost;
        lane.AverageCost = lane.Finished == 0 ? sample : lane.AverageCost + (sample - lane.AverageCost) / 4;
        lane.Finished++;
    }

    /// <summary>Requests of the service waiting for a worker now.</summary>
    public int Waiting(string service) => _lanes.TryGetValue(service, out var lane) ? lane.Waiting.Count : 0;

    /// <summary>Runs of the service on workers now.</summary>
    public int Running(string service) => _lanes.TryGetValue(service, out var lane) ? lane.Running : 0;

    public bool IsLongRunner(string service) => _lanes.TryGetValue(service, out var lane) && IsLongRunner(lane);

    private bool IsLongRunner(ServiceLane<T> lane) => lane.Finished > 0 && lane.AverageCost > longRun;

    private bool CanStart(ServiceLane<T> lane) =>
        lane.Finished == 0 ? lane.Running == 0
        : !IsLongRunner(lane) || _longRunning < longRunWorkers;
}
