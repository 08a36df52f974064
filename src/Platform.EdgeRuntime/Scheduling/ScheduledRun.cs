using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeRuntime.Scheduling;

/// <summary>
/// One request handed to the <see cref="GuestScheduler"/>: what to run, when it arrived, how long
/// it may take in all, and where its answer goes. State changes happen under the scheduler's lock.
/// </summary>
internal sealed class ScheduledRun(LoadedVersion version, EdgeRequest request, string requestId, long enqueued, TimeSpan budget)
{
    // Continuations run on the worker that completes the run (no RunContinuationsAsynchronously): the
    // request's remaining host code (writing the answer) goes on there until its next await instead of
    // waiting for another hop to the thread pool, which costs more than the guest's own run. Guest code
    // still never runs on the pool; the worker's time for this is not charged to any service.
    private readonly TaskCompletionSource<EdgeResponse> _answer = new();

    public LoadedVersion Version { get; } = version;

    public EdgeRequest Request { get; } = request;

    public string RequestId { get; } = requestId;

    /// <summary>Timestamp (of the scheduler's <see cref="TimeProvider"/>) at which it was queued.</summary>
    public long Enqueued { get; } = enqueued;

    /// <summary>The whole deadline, queue time included.</summary>
    public TimeSpan Budget { get; } = budget;

    public Task<EdgeResponse> Answer => _answer.Task;

    public void Complete(EdgeResponse response) => _answer.TrySetResult(response);
}
