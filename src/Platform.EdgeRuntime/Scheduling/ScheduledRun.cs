using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeRuntime.Scheduling;

/// <summary>
/// One request handed to the <see cref="GuestScheduler"/>: what to run, when it arrived, how long
/// it may take in all, and where its answer goes. State changes happen under the scheduler's lock.
/// </summary>
internal sealed class ScheduledRun(LoadedVersion version, EdgeRequest request, string requestId, long enqueued, TimeSpan budget)
{
    private readonly TaskCompletionSource<EdgeResponse> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LoadedVersion Version { get; } = version;

    public EdgeRequest Request { get; } = request;

    public string RequestId { get; } = requestId;

    /// <summary>Timestamp (of the scheduler's <see cref="TimeProvider"/>) at which it was queued.</summary>
    public long Enqueued { get; } = enqueued;

    /// <summary>The whole deadline, queue time included.</summary>
    public TimeSpan Budget { get; } = budget;

    /// <summary>Its place in its service's queue while it waits; null once taken or removed.</summary>
    public LinkedListNode<ScheduledRun>? Node { get; set; }

    /// <summary>Fires at the deadline to answer it if it is still queued.</summary>
    public ITimer? Expiry { get; set; }

    public Task<EdgeResponse> Answer => _answer.Task;

    public void Complete(EdgeResponse response) => _answer.TrySetResult(response);
}
